package io.secplane.ratelimit;

import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/** The rows of the rate limits: per bucket and window, what all processes have been granted. */
final class RateCounters {

    /** What one lease took from a window's row and the row's total after it. */
    record Lease(long granted, long total) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DataSource dataSource;
    private volatile String ensure;

    RateCounters(JdbcClient jdbc, TransactionTemplate tx, DataSource dataSource) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dataSource = dataSource;
    }

    /**
     * Takes up to a 32nd of what is left in the window (at least one, at most {@code max}), the row
     * locked for the time of its own transaction, so that two processes never take the same request.
     */
    Lease lease(String bucket, long windowStart, long limit, long max) {
        return tx.execute(s -> {
            ensureRow(bucket, windowStart);
            long total = jdbc.sql("SELECT hits FROM rate_counters WHERE bucket = ? AND window_start = ? FOR UPDATE")
                    .param(bucket).param(windowStart).query(Long.class).single();
            long left = Math.max(0, limit - total);
            long granted = Math.min(left, Math.max(1, Math.min(max, left / 32)));
            if (granted > 0) {
                jdbc.sql("UPDATE rate_counters SET hits = hits + ? WHERE bucket = ? AND window_start = ?")
                        .param(granted).param(bucket).param(windowStart).update();
            }
            return new Lease(granted, total + granted);
        });
    }

    /** Gives back what a lease did not spend; returns the row's new total. */
    long giveBack(String bucket, long windowStart, long unspent) {
        return tx.execute(s -> {
            jdbc.sql("UPDATE rate_counters SET hits = GREATEST(0, hits - ?) WHERE bucket = ? AND window_start = ?")
                    .param(unspent).param(bucket).param(windowStart).update();
            return jdbc.sql("SELECT hits FROM rate_counters WHERE bucket = ? AND window_start = ?")
                    .param(bucket).param(windowStart).query(Long.class).optional().orElse(0L);
        });
    }

    /**
     * Makes the window's row if it is not there, in a statement two processes may run at once: an
     * upsert (a failed INSERT would abort a PostgreSQL transaction).
     */
    private void ensureRow(String bucket, long windowStart) {
        try {
            jdbc.sql(ensureSql()).param(bucket).param(windowStart).update();
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            // H2's MERGE is not atomic against a concurrent insert (PostgreSQL's ON CONFLICT is); an H2
            // transaction survives a failed statement, and the row is there now
        }
    }

    private String ensureSql() {
        String sql = ensure;
        if (sql == null) {
            String product;
            try {
                product = JdbcUtils.extractDatabaseMetaData(dataSource, java.sql.DatabaseMetaData::getDatabaseProductName);
            } catch (MetaDataAccessException e) {
                throw new IllegalStateException("cannot tell which database this is", e);
            }
            sql = product.toLowerCase(Locale.ROOT).contains("postgres")
                    ? "INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, 0) ON CONFLICT (bucket, window_start) DO NOTHING"
                    : "MERGE INTO rate_counters t USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS BIGINT))) "
                            + "AS v(bucket, window_start) ON t.bucket = v.bucket AND t.window_start = v.window_start "
                            + "WHEN NOT MATCHED THEN INSERT (bucket, window_start, hits) VALUES (v.bucket, v.window_start, 0)";
            ensure = sql;
        }
        return sql;
    }
}
