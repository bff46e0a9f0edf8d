package io.secplane.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import io.secplane.access.Principal;

/**
 * The authentication a valid SCC access token becomes: who calls, nothing of what they may do
 * (the authorizer decides that at each request).
 */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Principal principal;
    private final String token;

    public CallerAuthentication(Principal principal, String token) {
        super(List.of());
        this.principal = principal;
        this.token = token;
        setAuthenticated(true);
    }

    public Principal principal() {
        return principal;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.id();
    }
}
