package io.secplane.ratelimit;

import java.time.Duration;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fixed-window request counters kept in the database, so that every server process sharing it
 * shares the limit. A window is the span the documented headers speak of (an hour for IROH): the
 * count of the current window, its limit, and when it ends.
 */
@Component
public class RateLimiter {

    /** The state after one request: allowed or not, and what the headers say. */
    public record Outcome(boolean allowed, long limit, long remaining, Instant resetAt) {
        public long secondsToReset() {
            return Math.max(1, Duration.between(Instant.now(), resetAt).toSeconds());
        }
    }

    private final JdbcClient jdbc;

    public RateLimiter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one request against a bucket; always in its own transaction, whatever the request does next. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Outcome hit(String bucket, long limit, Duration window) {
        long now = System.currentTimeMillis();
        long start = now - Math.floorMod(now, window.toMillis());
        long hits = increment(bucket, start);
        Instant reset = Instant.ofEpochMilli(start + window.toMillis());
        return new Outcome(hits <= limit, limit, Math.max(0, limit - hits), reset);
    }

    private long increment(String bucket, long start) {
        int updated = jdbc.sql("UPDATE rate_counters SET hits = hits + 1 WHERE bucket = ? AND window_start = ?")
                .param(bucket).param(start).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, 1)")
                        .param(bucket).param(start).update();
                return 1;
            } catch (DuplicateKeyException raced) {
                jdbc.sql("UPDATE rate_counters SET hits = hits + 1 WHERE bucket = ? AND window_start = ?")
                        .param(bucket).param(start).update();
            }
        }
        return jdbc.sql("SELECT hits FROM rate_counters WHERE bucket = ? AND window_start = ?")
                .param(bucket).param(start).query(Long.class).single();
    }
}
