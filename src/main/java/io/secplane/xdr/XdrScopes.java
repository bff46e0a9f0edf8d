package io.secplane.xdr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The XDR scopes an API client may hold. A scope names a family ({@code enrich}) or one access of it
 * ({@code enrich:read}, {@code enrich:write}); the family covers both accesses.
 */
public final class XdrScopes {

    public static final List<String> FAMILIES = List.of("admin", "ao", "asset", "casebook", "enrich", "event",
            "global-intel", "inspect", "integration", "investigation", "notification", "oauth", "orbital",
            "private-intel", "profile", "registry", "response", "sse", "telemetry", "users");

    private XdrScopes() {
    }

    /** A scope string split, or null when one of its scopes is not an XDR scope. */
    public static Set<String> parse(String scopes) {
        Set<String> out = new LinkedHashSet<>();
        if (scopes == null) {
            return out;
        }
        for (String s : scopes.trim().split("\\s+")) {
            if (s.isEmpty()) {
                continue;
            }
            if (!valid(s)) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    public static boolean valid(String scope) {
        int colon = scope.indexOf(':');
        String family = colon < 0 ? scope : scope.substring(0, colon);
        String access = colon < 0 ? null : scope.substring(colon + 1);
        return FAMILIES.contains(family) && (access == null || access.equals("read") || access.equals("write"));
    }

    /** True when every scope asked for is held, a family covering its accesses. */
    public static boolean covers(Set<String> held, Set<String> asked) {
        for (String a : asked) {
            int colon = a.indexOf(':');
            if (!held.contains(a) && !(colon > 0 && held.contains(a.substring(0, colon)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a client's scopes become under the role of the user who made it: an administrator keeps
     * them; a member keeps the reading part only (no admin, no writes).
     */
    public static Set<String> narrow(Set<String> scopes, boolean admin) {
        if (admin) {
            return scopes;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : scopes) {
            if (s.startsWith("admin") || s.endsWith(":write")) {
                continue;
            }
            out.add(s.contains(":") ? s : s + ":read");
        }
        return out;
    }
}
