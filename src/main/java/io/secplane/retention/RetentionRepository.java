package io.secplane.retention;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the retention sweep: who sweeps now, and the old rows of each growing table, a batch at a time. */
@Repository
public class RetentionRepository {

    private final JdbcClient jdbc;

    public RetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the sweep for this process until {@code until}, if no process holds it now: one
     * conditional update, so that of several processes asking at once exactly one gets it.
     */
    public boolean claim(String process, Instant now, Instant until) {
        return jdbc.sql("UPDATE retention_sweeps SET claimed_by = ?, claimed_until = ? WHERE name = 'retention' AND claimed_until <= ?")
                .param(process).param(at(until)).param(at(now)).update() == 1;
    }

    /** Lets the next sweep be claimed at {@code next}, recording when this one ended and what it removed. */
    public void finished(String process, Instant next, long removed) {
        jdbc.sql("UPDATE retention_sweeps SET claimed_until = ?, last_removed = ? WHERE name = 'retention' AND claimed_by = ?")
                .param(at(next)).param(removed).param(process).update();
    }

    /** Audit records older than {@code before}, about {@code batch} of them (the oldest). */
    public int auditLog(Instant before, int batch) {
        return oldest("audit_log", "at", at(before), batch);
    }

    /** Mail made before {@code before}, about {@code batch} of it (the oldest). */
    public int outbox(Instant before, int batch) {
        return oldest("mail_outbox", "created_at", at(before), batch);
    }

    /** Rate counters of windows that started before {@code beforeMillis}, about {@code batch} of them. */
    public int rateCounters(long beforeMillis, int batch) {
        return oldest("rate_counters", "window_start", beforeMillis, batch);
    }

    /**
     * The oldest rows of a table before a bound, by a range of its indexed time column: the time of
     * the batch-th oldest row is read from the index, then the rows up to it removed in one range
     * statement (rows sharing that time go with it). Two range reads, whatever the table's size, on
     * both databases (a subquery with a limit inside DELETE ... IN is read again for every row by H2).
     */
    private int oldest(String table, String column, Object before, int batch) {
        Object upTo = jdbc.sql("SELECT " + column + " FROM " + table + " WHERE " + column + " < ? ORDER BY " + column
                        + " OFFSET " + (batch - 1) + " ROWS FETCH FIRST 1 ROWS ONLY")
                .param(before).query((rs, n) -> rs.getObject(1)).optional().orElse(null);
        if (upTo == null) {
            return jdbc.sql("DELETE FROM " + table + " WHERE " + column + " < ?").param(before).update();
        }
        return jdbc.sql("DELETE FROM " + table + " WHERE " + column + " <= ? AND " + column + " < ?").param(upTo).param(before).update();
    }

    private static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
