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

    /** Audit records older than {@code before}, at most {@code batch} of them (the oldest). */
    public int auditLog(Instant before, int batch) {
        return jdbc.sql("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? ORDER BY at LIMIT " + batch + ")")
                .param(at(before)).update();
    }

    /** Mail made before {@code before}, at most {@code batch} of it. */
    public int outbox(Instant before, int batch) {
        return jdbc.sql("DELETE FROM mail_outbox WHERE id IN (SELECT id FROM mail_outbox WHERE created_at < ? ORDER BY created_at LIMIT "
                + batch + ")").param(at(before)).update();
    }

    /** Rate counters of windows that started before {@code beforeMillis}, at most {@code batch} of them. */
    public int rateCounters(long beforeMillis, int batch) {
        return jdbc.sql("DELETE FROM rate_counters WHERE (bucket, window_start) IN (SELECT bucket, window_start FROM rate_counters "
                + "WHERE window_start < ? ORDER BY window_start LIMIT " + batch + ")").param(beforeMillis).update();
    }

    private static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
