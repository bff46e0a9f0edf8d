package io.secplane.console;

import java.util.List;
import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who a console session belongs to, as kept in the session (in the database): the user, their org,
 * and the user's sign-in epoch when the session began. Whether the session still counts is decided
 * at every request from the user's current status and epoch ({@link SessionCheck}); what the user
 * may do, by the authorizer from their current roles. {@code complete} is false between the password
 * and the second factor.
 */
public final class ConsoleAuthentication extends AbstractAuthenticationToken implements io.secplane.access.Authenticated {

    private static final long serialVersionUID = 1L;
    public static final String SIGNED_IN = "CONSOLE_SIGNED_IN";
    public static final String PASSWORD_ONLY = "CONSOLE_PASSWORD_ONLY";

    private final UUID userId;
    private final UUID orgId;
    private final String email;
    private final int epoch;
    private final boolean complete;

    public ConsoleAuthentication(UUID userId, UUID orgId, String email, int epoch, boolean complete) {
        super(List.of(new SimpleGrantedAuthority(complete ? SIGNED_IN : PASSWORD_ONLY)));
        this.userId = userId;
        this.orgId = orgId;
        this.email = email;
        this.epoch = epoch;
        this.complete = complete;
        setAuthenticated(true);
    }

    public UUID userId() {
        return userId;
    }

    public UUID orgId() {
        return orgId;
    }

    public String email() {
        return email;
    }

    public int epoch() {
        return epoch;
    }

    public boolean complete() {
        return complete;
    }

    /** The user, once signed in fully; null between the password and the second factor. */
    @Override
    public io.secplane.access.Principal principal() {
        return complete ? io.secplane.access.Principal.user(orgId, userId) : null;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return userId.toString();
    }

    @Override
    public String getName() {
        return userId.toString();
    }
}
