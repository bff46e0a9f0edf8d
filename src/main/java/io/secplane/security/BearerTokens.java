package io.secplane.security;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The per-request checks on headers, done with plain loops: the library's regular expressions
 * cost more than everything else on a request that carries a 1 KB token.
 */
public final class BearerTokens {

    private BearerTokens() {
    }

    /**
     * The one reading of the {@code Authorization} header for the XDR, Secure Endpoint and operator
     * tokens: the token of {@code Bearer <token>} or {@code Bearer: <token>} (the scheme in any case,
     * the token trimmed), or null when the header
     * is absent, has another scheme or no token. Each API judges the token itself.
     */
    public static String presented(HttpServletRequest request) {
        String header = authorization(request);
        if (header == null) {
            return null;
        }
        int from;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            from = 7;
        } else if (header.regionMatches(true, 0, "Bearer: ", 0, 8)) {
            from = 8; // "Bearer: <token>", as a public Secure Endpoint script sends it: read the same
        } else {
            return null;
        }
        String token = header.substring(from).trim();
        return token.isEmpty() ? null : token;
    }

    /** Whether the request names the Bearer scheme at all (a token may still be missing or malformed). */
    public static boolean namesBearer(HttpServletRequest request) {
        String header = authorization(request);
        return header != null && header.regionMatches(true, 0, "Bearer", 0, 6);
    }

    /**
     * The SCC access token of {@code Authorization: Bearer <token>} (RFC 6750 b64token), or null when
     * the header names no Bearer scheme; refused as malformed when it names it without such a token.
     */
    public static String resolve(HttpServletRequest request) {
        String header = authorization(request);
        if (header == null || !header.regionMatches(true, 0, "Bearer", 0, 6)) {
            return null;
        }
        if (header.length() < 8 || header.charAt(6) != ' ') {
            throw malformed();
        }
        String token = header.substring(7);
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            throw malformed();
        }
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            if (c >= B64TOKEN.length || !B64TOKEN[c]) {
                throw malformed();
            }
        }
        return token;
    }

    /**
     * The {@code Authorization} header as sent, read past the firewall's check of header values (a
     * walk of the whole value, about 1 KB with a token, at every read: a seventh of what an
     * authenticated GET cost): every reading of it here checks the token itself, more strictly (a
     * b64token, or a token that must verify as a JWT or equal the operator's).
     */
    private static String authorization(HttpServletRequest request) {
        HttpServletRequest sent = request;
        while (sent instanceof org.springframework.security.web.firewall.FirewalledRequest f
                && f.getRequest() instanceof HttpServletRequest inner) {
            sent = inner;
        }
        return sent.getHeader("Authorization");
    }

    /** The characters of a b64token before its '=' padding (a table: a token is about 900 of them). */
    private static final boolean[] B64TOKEN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            B64TOKEN[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }

    private static TokenRefused malformed() {
        return new TokenRefused("The bearer token is malformed.", true);
    }

    /** The strict firewall of every API request (one, shared: its settings never change). */
    public static final StrictHttpFirewall FIREWALL = firewall();

    /** The strict firewall, with header checks that mean the same as its defaults but run as loops. */
    private static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        Predicate<String> printable = BearerTokens::assignedAndNotControl;
        firewall.setAllowedHeaderNames(printable);
        firewall.setAllowedHeaderValues(printable);
        firewall.setAllowedParameterNames(printable);
        return firewall;
    }

    private static boolean assignedAndNotControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    return false;
                }
            } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                return false;
            }
        }
        return true;
    }
}
