package io.secplane.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
        /** Every hit this process knows of in the window: the check and the count are one atomic step. */
        final AtomicLong seen = new AtomicLong();
        /** This process's hits not yet added to the row. */
        final AtomicLong pending = new AtomicLong();
        final java.util.concurrent.atomic.AtomicBoolean flushing = new java.util.concurrent.atomic.AtomicBoolean();
        volatile long flushedAt;

        Counter(long windowStart) {
            this.windowStart = windowStart;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile String upsert;

    private final javax.sql.DataSource dataSource;

    public RateLimiter(JdbcClient jdbc, TransactionTemplate tx, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dataSource = dataSource;
    }

    /** Counts one request against a bucket. */
    public Outcome hit(String bucket, long limit, Duration window) {
        long now = System.currentTimeMillis();
        long start = now - Math.floorMod(now, window.toMillis());
        Counter c = counters.compute(bucket, (k, old) -> old == null || old.windowStart != start ? load(k, start) : old);
        long seen = c.seen.incrementAndGet();
        c.pending.incrementAndGet();
        // one thread writes while the others go on with the local count; nobody queues behind the write
        if ((now - c.flushedAt >= FLUSH || seen >= limit) && c.flushing.compareAndSet(false, true)) {
            try {
                long toWrite = c.pending.getAndSet(0);
                if (toWrite > 0) {
                    long total = add(bucket, start, toWrite);
                    // the row also holds what other processes counted: learn it, never count down
                    c.seen.accumulateAndGet(total + c.pending.get(), Math::max);
                    c.flushedAt = now;
                }
            } finally {
                c.flushing.set(false);
            }
        }
        if (counters.size() > 100_000) {
            counters.values().removeIf(x -> x.windowStart != start);
        }
        Instant reset = Instant.ofEpochMilli(start + window.toMillis());
        return new Outcome(seen <= limit, limit, Math.max(0, limit - seen), reset);
    }

    private Counter load(String bucket, long start) {
        Counter c = new Counter(start);
        c.seen.set(jdbc.sql("SELECT hits FROM rate_counters WHERE bucket = ? AND window_start = ?")
                .param(bucket).param(start).query(Long.class).optional().orElse(0L));
        return c;
    }

    /**
     * Adds to the window's row and returns its new total, in one statement of its own transaction:
     * an upsert, so that two processes making the row at once both count (a failed INSERT would abort
     * a PostgreSQL transaction).
     */
    private long add(String bucket, long start, long n) {
        return tx.execute(s -> {
            try {
                jdbc.sql(upsertSql()).param(bucket).param(start).param(n).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // H2's MERGE is not atomic against a concurrent insert (PostgreSQL's ON CONFLICT is); an
                // H2 transaction survives a failed statement, and the row is there now
                jdbc.sql(upsertSql()).param(bucket).param(start).param(n).update();
            }
            return jdbc.sql("SELECT hits FROM rate_counters WHERE bucket = ? AND window_start = ?")
                    .param(bucket).param(start).query(Long.class).single();
        });
    }

    private String upsertSql() {
        String sql = upsert;
        if (sql == null) {
            String product;
            try {
                product = org.springframework.jdbc.support.JdbcUtils.extractDatabaseMetaData(dataSource,
                        java.sql.DatabaseMetaData::getDatabaseProductName);
            } catch (org.springframework.jdbc.support.MetaDataAccessException e) {
                throw new IllegalStateException("cannot tell which database this is", e);
            }
            sql = product.toLowerCase(java.util.Locale.ROOT).contains("postgres")
                    ? "INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, ?) "
                            + "ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counters.hits + EXCLUDED.hits"
                    : "MERGE INTO rate_counters t USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS BIGINT), CAST(? AS BIGINT))) "
                            + "AS v(bucket, window_start, hits) ON t.bucket = v.bucket AND t.window_start = v.window_start "
                            + "WHEN MATCHED THEN UPDATE SET hits = t.hits + v.hits "
                            + "WHEN NOT MATCHED THEN INSERT (bucket, window_start, hits) VALUES (v.bucket, v.window_start, v.hits)";
            upsert = sql;
        }
        return sql;
    }
}
