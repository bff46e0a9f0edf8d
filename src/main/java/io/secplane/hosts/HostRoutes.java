package io.secplane.hosts;

import java.util.regex.Pattern;

/** Which paths each face of the system serves; anything else on that host is a 404. */
final class HostRoutes {

    private static final Pattern COMMON_OBJECTS =
            Pattern.compile("^/v1/organizations/[^/]+/(objects|networks|networkGroups)(/.*)?$");
    private static final Pattern SHARED =
            Pattern.compile("^(/actuator/health(/.*)?|/favicon\\.ico)$");

    private HostRoutes() {
    }

    static boolean serves(HostKind kind, String path) {
        if (SHARED.matcher(path).matches()) {
            return true;
        }
        return switch (kind) {
            case SCC_GLOBAL -> !COMMON_OBJECTS.matcher(path).matches()
                    && (path.equals("/") || path.startsWith("/v1/") || path.equals("/v1")
                        || path.startsWith("/docs") || path.startsWith("/webjars/")
                        || path.equals("/.well-known/jwks.json") || path.startsWith("/actuator/"));
            case SCC_REGIONAL -> COMMON_OBJECTS.matcher(path).matches() || path.equals("/v1/openapi.yaml");
            case XDR -> path.startsWith("/iroh/") || path.equals("/.well-known/jwks")
                    || path.equals("/.well-known/oauth-authorization-server");
            case SECURE_ENDPOINT -> path.startsWith("/v3/");
        };
    }
}
