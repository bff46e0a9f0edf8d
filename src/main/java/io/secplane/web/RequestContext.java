package io.secplane.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/** The tracking id of a request: made once by the front filter, in every error body and log line. */
public final class RequestContext {

    public static final String TRACKING_ID = "trackingId";
    private static final String ATTRIBUTE = RequestContext.class.getName() + ".trackingId";

    private RequestContext() {
    }

    public static String trackingId(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id == null) {
            // not a secret: a fast random UUID, without the lock of the system's SecureRandom
            var r = java.util.concurrent.ThreadLocalRandom.current();
            id = new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
            request.setAttribute(ATTRIBUTE, id);
        }
        return (String) id;
    }
}
