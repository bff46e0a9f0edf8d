package io.secplane.security;

/**
 * An SCC access token refused: the reason, said to the caller; malformed when the header's token is
 * not even a b64token (RFC 6750's {@code invalid_request} rather than {@code invalid_token}).
 */
public class TokenRefused extends RuntimeException {

    private final boolean malformed;

    public TokenRefused(String reason, boolean malformed) {
        super(reason, null, false, false);
        this.malformed = malformed;
    }

    public boolean malformed() {
        return malformed;
    }
}
