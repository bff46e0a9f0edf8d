package io.secplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.secplane.api.ApiTestSupport;
import io.secplane.retention.Retention;
import io.secplane.retention.RetentionRepository;

/**
 * The retention sweep: audit records, mail and rate counters older than their retention go, newer
 * ones stay; of several processes sweeping at once exactly one does the work. The sweep is driven
 * here with the time it runs at (no scheduled sweep runs in this test: its interval is a day).
 */
@TestPropertySource(properties = {"secplane.retention.audit-log=2h", "secplane.retention.outbox=3h",
        "secplane.retention.rate-counters=1h", "secplane.retention.interval=1d", "secplane.retention.batch=7"})
public abstract class RetentionSuite extends ApiTestSupport {

    @Autowired
    private RetentionRepository repository;
    @Autowired
    private io.secplane.SecplaneProperties properties;

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private void audit(UUID org, Instant at, String target) {
        jdbc.sql("INSERT INTO audit_log (id, org_id, at, actor_kind, actor_id, operation, target, outcome, status) "
                + "VALUES (?, ?, ?, 'API_KEY', 'retention-test', 'test', ?, 'success', 200)")
                .param(UUID.randomUUID()).param(org).param(utc(at)).param(target).update();
    }

    private long count(String sql, Object... params) {
        var spec = jdbc.sql(sql);
        for (Object p : params) {
            spec = spec.param(p);
        }
        return spec.query(Long.class).single();
    }

    @Test
    void oldRowsGoNewRowsStayAndOneProcessSweepsAtATime() throws Exception {
        // after anything other tests wrote and after the last sweep's claim; half past an hour
        Instant now = Instant.now().plus(Duration.ofDays(400)).truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofMinutes(30));
        String tag = "retention-" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            audit(orgA, now.minus(Duration.ofHours(3)).minusSeconds(i), tag + "/old"); // past the 2h retention
        }
        audit(orgA, now.minus(Duration.ofMinutes(90)), tag + "/kept");
        for (int i = 0; i < 10; i++) {
            jdbc.sql("INSERT INTO mail_outbox (id, recipient, subject, body, created_at) VALUES (?, ?, 's', 'b', ?)")
                    .param(UUID.randomUUID()).param(tag + "@example.com").param(utc(now.minus(Duration.ofHours(4)))).update();
        }
        jdbc.sql("INSERT INTO mail_outbox (id, recipient, subject, body, created_at) VALUES (?, ?, 'kept', 'b', ?)")
                .param(UUID.randomUUID()).param(tag + "@example.com").param(utc(now.minus(Duration.ofHours(2)))).update();
        long hour = 3_600_000L;
        long current = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), hour);
        for (int i = 0; i < 3; i++) {
            // windows of an hour: kept for an hour after they end
            jdbc.sql("INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, 5)").param(tag).param(current - i * hour).update();
        }
        jdbc.sql("INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, 5)").param(tag).param(current - 5 * hour).update();

        // four processes at once: one sweeps, the others find it claimed
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Retention.Swept>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Retention process = new Retention(repository, properties);
            runs.add(pool.submit((Callable<Retention.Swept>) () -> process.sweepNow(now)));
        }
        List<Retention.Swept> done = new ArrayList<>();
        for (Future<Retention.Swept> f : runs) {
            done.add(f.get());
        }
        pool.shutdown();
        assertThat(done.stream().filter(Objects::nonNull).count()).as(done.toString()).isEqualTo(1);
        Retention.Swept swept = done.stream().filter(Objects::nonNull).findFirst().orElseThrow();
        assertThat(swept.auditRecords()).isGreaterThanOrEqualTo(20);
        assertThat(swept.mail()).isGreaterThanOrEqualTo(10);
        assertThat(swept.rateCounters()).isGreaterThanOrEqualTo(2);

        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE target = ?", tag + "/old")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE target = ?", tag + "/kept")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ?", tag + "@example.com")).isEqualTo(1);
        // the current window and the one that ended half an hour ago stay; those that ended 1h30 and 4h30 ago go
        assertThat(jdbc.sql("SELECT window_start FROM rate_counters WHERE bucket = ? ORDER BY window_start").param(tag)
                .query(Long.class).list()).containsExactly(current - hour, current);
        assertThat(count("SELECT last_removed FROM retention_sweeps WHERE name = 'retention'")).isEqualTo(swept.total());

        // the claim is let go when the sweep ends: the next round, an interval later, sweeps again
        assertThat(new Retention(repository, properties).sweepNow(now.plus(Duration.ofHours(1)))).isNull();
        Retention.Swept next = new Retention(repository, properties).sweepNow(now.plus(Duration.ofDays(1)));
        assertThat(next).isNotNull();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE target = ?", tag + "/kept")).isZero();
        // what the API reads after a sweep is what is left
        audit(orgA, Instant.now(), tag + "/fresh");
        var log = admin.get(org(orgA) + "/auditLog?actor=retention-test&from=" + Instant.now().minus(Duration.ofDays(1)));
        assertThat(log.status()).as(log.raw()).isEqualTo(200);
        assertThat(log.raw()).contains(tag + "/fresh").doesNotContain(tag + "/old").doesNotContain(tag + "/kept");
    }
}
