package io.secplane.hosts;

/** The four faces of the system; each host name serves one of them, in one region. */
public enum HostKind {
    /** {@code api.security.*}: the SCC platform API, base path {@code /v1}. */
    SCC_GLOBAL,
    /** {@code api.{us,eu,apj,au,in,uae}.security.*}: regional SCC services (common objects). */
    SCC_REGIONAL,
    /** {@code visibility[.eu|.apjc].amp.*}: the XDR token service (IROH). */
    XDR,
    /** {@code api[.eu|.apjc].amp.*}: the Secure Endpoint API v3. */
    SECURE_ENDPOINT
}
