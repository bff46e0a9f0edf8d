package io.secplane.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/** The tracking id of a request: made once by the front filter, in every error body and log line. */
public final class RequestContext {

    public static final String TRACKING_ID = "trackingId";
    private static final String ATTRIBUTE = RequestContext.class.getName() + ".trackingId";

    private RequestContext() {
    }

    /**
     * A random (version 4) UUID for ids that must be unique but are not secrets (tracking ids, token
     * ids): without the lock of the system's SecureRandom, which every request thread would queue on.
     */
    public static String fastUuid() {
        var r = java.util.concurrent.ThreadLocalRandom.current();
        return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
    }

    public static String trackingId(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = fastUuid();
            request.setAttribute(ATTRIBUTE, id);
        }
        return (String) id;
    }
}
