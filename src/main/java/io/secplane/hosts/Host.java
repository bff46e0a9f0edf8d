package io.secplane.hosts;

/** What a request's Host header names: a face of the system and, where it has one, a region. */
public record Host(String name, HostKind kind, String region) {

    public static final String ATTRIBUTE = Host.class.getName();

    public static Host of(jakarta.servlet.http.HttpServletRequest request) {
        Object h = request.getAttribute(ATTRIBUTE);
        return h instanceof Host host ? host : new Host("localhost", HostKind.SCC_GLOBAL, null);
    }
}
