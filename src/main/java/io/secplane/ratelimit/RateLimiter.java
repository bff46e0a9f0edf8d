package io.secplane.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fixed-window request counters kept in the database, so that every server process sharing it
 * shares the limit. A window is the span the documented headers speak of (an hour for IROH).
 *
 * <p>Writing the database on every request would make one row the bottleneck of the token
 * endpoint, so each process counts in memory and adds its count to the row at most every
 * {@link #FLUSH} (and at once near the limit); the total a request sees is the row's last total plus
 * what this process has not written yet. Across processes the limit can so be passed by at most
 * what the others counted in one flush interval.
 */
@Component
public class RateLimiter {

    /** The state after one request: allowed or not, and what the headers say. */
    public record Outcome(boolean allowed, long limit, long remaining, Instant resetAt) {
        public long secondsToReset() {
            return Math.max(1, Duration.between(Instant.now(), resetAt).toSeconds());
        }
    }

    static final long FLUSH = 200;

    private static final class Counter {
        final long windowStart;
        final AtomicLong pending = new AtomicLong();
        final java.util.concurrent.atomic.AtomicBoolean flushing = new java.util.concurrent.atomic.AtomicBoolean();
        volatile long stored;
        volatile long flushedAt;

        Counter(long windowStart) {
            this.windowStart = windowStart;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public RateLimiter(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Counts one request against a bucket. */
    public Outcome hit(String bucket, long limit, Duration window) {
        long now = System.currentTimeMillis();
        long start = now - Math.floorMod(now, window.toMillis());
        Counter c = counters.compute(bucket, (k, old) -> old == null || old.windowStart != start ? load(k, start) : old);
        long pending = c.pending.incrementAndGet();
        long seen = c.stored + pending;
        // one thread writes while the others go on with the local count; nobody queues behind the write
        if ((now - c.flushedAt >= FLUSH || seen >= limit) && c.flushing.compareAndSet(false, true)) {
            try {
                long toWrite = c.pending.getAndSet(0);
                if (toWrite > 0) {
                    c.stored = add(bucket, start, toWrite);
                    c.flushedAt = now;
                }
            } finally {
                c.flushing.set(false);
            }
            seen = c.stored + c.pending.get();
        }
        if (counters.size() > 100_000) {
            counters.values().removeIf(x -> x.windowStart != start);
        }
        Instant reset = Instant.ofEpochMilli(start + window.toMillis());
        return new Outcome(seen <= limit, limit, Math.max(0, limit - seen), reset);
    }

    private Counter load(String bucket, long start) {
        Counter c = new Counter(start);
        c.stored = jdbc.sql("SELECT hits FROM rate_counters WHERE bucket = ? AND window_start = ?")
                .param(bucket).param(start).query(Long.class).optional().orElse(0L);
        return c;
    }

    /** Adds to the window's row and returns its new total, in a transaction of its own. */
    private long add(String bucket, long start, long n) {
        return tx.execute(s -> {
            int updated = jdbc.sql("UPDATE rate_counters SET hits = hits + ? WHERE bucket = ? AND window_start = ?")
                    .param(n).param(bucket).param(start).update();
            if (updated == 0) {
                try {
                    jdbc.sql("INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, ?)")
                            .param(bucket).param(start).param(n).update();
                } catch (DuplicateKeyException raced) {
                    jdbc.sql("UPDATE rate_counters SET hits = hits + ? WHERE bucket = ? AND window_start = ?")
                            .param(n).param(bucket).param(start).update();
                }
            }
            return jdbc.sql("SELECT hits FROM rate_counters WHERE bucket = ? AND window_start = ?")
                    .param(bucket).param(start).query(Long.class).single();
        });
    }
}
