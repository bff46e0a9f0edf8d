package io.secplane.secureendpoint;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.secplane.SecplaneProperties;
import io.secplane.access.Principal;
import io.secplane.ratelimit.RateLimiter;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The hour's count of a Secure Endpoint host: by the client once the authentication step has named
 * it, else by the address; taken before any refusal (the authentication's or the authorizer's), so
 * that every answer carries its headers.
 */
@Component
public class SecureEndpointRateLimit {

    private final RateLimiter limiter;
    private final long limit;

    public SecureEndpointRateLimit(RateLimiter limiter, SecplaneProperties properties) {
        this.limiter = limiter;
        this.limit = properties.rateLimits().secureEndpointPerClientPerHour();
    }

    /** Counts a request of {@code caller} (null: not authenticated) from {@code address}; 429 past the limit. */
    public void count(HttpServletResponse response, Principal caller, String address) {
        String bucket = caller == null ? "se-ip:" + address : "se-client:" + caller.id();
        RateLimiter.Outcome rate = limiter.hit(bucket, limit, Duration.ofHours(1));
        response.setHeader("X-RateLimit-Limit", String.valueOf(rate.limit()));
        response.setHeader("X-RateLimit-Remaining", String.valueOf(rate.remaining()));
        response.setHeader("X-RateLimit-Reset", String.valueOf(rate.secondsToReset()));
        response.setHeader("X-RateLimit-ResetDate", rate.resetAt().toString());
        if (!rate.allowed()) {
            throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, "Too many requests this hour; the limit is " + limit + ".")
                    .withHeader(HttpHeaders.RETRY_AFTER, String.valueOf(rate.secondsToReset()));
        }
    }
}
