package io.secplane.access;

import java.util.Set;
import java.util.UUID;

/**
 * Who calls, as a verified token (or, with the console, a session) names them: never what they may
 * do, which {@link AccessResolver} decides at every request from the current state.
 *
 * @param kind       a user, an SCC API key, an XDR API client (with an IROH or a Secure Endpoint token),
 *                   or the platform operator
 * @param id         the user's, key's or client's id
 * @param orgId      the organization the caller belongs to (the token's)
 * @param userId     the user: itself, the key's maker (null for a key minted on the server's machine),
 *                   or the user a client acts for
 * @param chainId    the SCC token chain ({@code sid}), for API keys
 * @param tokenScopes the XDR scopes an IROH token was issued with (empty for the other kinds)
 */
public record Principal(Kind kind, String id, UUID orgId, UUID userId, UUID chainId, Set<String> tokenScopes) {

    public enum Kind { USER, API_KEY, API_CLIENT, OPERATOR }

    public static Principal apiKey(UUID orgId, UUID keyId, UUID chainId) {
        return new Principal(Kind.API_KEY, keyId.toString(), orgId, null, chainId, Set.of());
    }

    public static Principal apiClient(String clientId, UUID orgId, UUID userId, Set<String> tokenScopes) {
        return new Principal(Kind.API_CLIENT, clientId, orgId, userId, null, Set.copyOf(tokenScopes));
    }

    /** The platform operator, with the operator token of bootstrap.json: of no org. */
    public static Principal operator() {
        return new Principal(Kind.OPERATOR, "operator", null, null, null, Set.of());
    }

    public static Principal user(UUID orgId, UUID userId) {
        return new Principal(Kind.USER, userId.toString(), orgId, userId, null, Set.of());
    }
}
