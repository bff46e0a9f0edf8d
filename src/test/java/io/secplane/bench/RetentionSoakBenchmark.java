package io.secplane.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.SecplaneApplication;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import io.secplane.support.EmbeddedPostgres;

/**
 * The tables that grow with traffic, under steady writes with a short retention (run by
 * {@code bash bench/retention-soak.sh}, never by the suite): on H2 and then on PostgreSQL, two
 * clients make, rename and delete admin groups and ask for password resets (audit records and mail)
 * flat out for {@code secplane.bench.seconds}; the audit log and the outbox keep
 * {@code secplane.bench.retention} seconds, swept every five. The database's size and the two
 * tables' rows are read every five seconds; printed: each after the first retention window
 * (retention plus a sweep) against its largest later, the same run.
 */
@EnabledIfSystemProperty(named = "secplane.bench", matches = "retention-soak")
class RetentionSoakBenchmark {

    private static final int SECONDS = Integer.getInteger("secplane.bench.seconds", 180);
    private static final int RETENTION = Integer.getInteger("secplane.bench.retention", 30);

    @Test
    void h2() throws Exception {
        soak("H2", null);
    }

    @Test
    void postgres() throws Exception {
        soak("PostgreSQL", EmbeddedPostgres.get().newDatabase());
    }

    private void soak(String backend, String url) throws Exception {
        Path data = Files.createTempDirectory("secplane-soak-");
        List<String> args = new ArrayList<>(List.of("--data-dir=" + data, "--management.server.port=0", "--server.port=0",
                "--secplane.https.enabled=false", "--secplane.http.enabled=false", "--logging.level.root=WARN",
                "--secplane.retention.audit-log=" + RETENTION + "s", "--secplane.retention.outbox=" + RETENTION + "s",
                "--secplane.retention.interval=5s"));
        if (url != null) {
            args.add("--database-url=" + url);
            args.add("--database-user=postgres");
        }
        ConfigurableApplicationContext ctx = SpringApplication.run(SecplaneApplication.class,
                SecplaneApplication.translateArguments(args.toArray(String[]::new)));
        try {
            String base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            UUID org = jdbc.sql("SELECT id FROM organizations ORDER BY created_at LIMIT 1").query(UUID.class).single();
            Api admin = new Api(base).as(ctx.getBean(io.secplane.apikeys.ApiKeyService.class)
                    .create(org, "soak", null, null, null, List.of(StaticRoles.ORG_ADMIN)).accessToken());
            String email = jdbc.sql("SELECT email FROM users WHERE org_id = ? LIMIT 1").param(org).query(String.class).single();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong writes = new AtomicLong();
            ExecutorService clients = Executors.newFixedThreadPool(2);
            for (int c = 0; c < 2; c++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        String o = "/v1/organizations/" + org;
                        var made = admin.post(o + "/adminGroups", "{\"name\":\"soak " + UUID.randomUUID() + "\"}");
                        if (made.status() == 201) {
                            String id = made.json().get("id").asString();
                            admin.put(o + "/adminGroups/" + id, "{\"name\":\"soak renamed " + UUID.randomUUID() + "\"}");
                            admin.delete(o + "/adminGroups/" + id);
                        }
                        admin.send("PATCH", o + "/users", "{\"email\":\"" + email + "\",\"operation\":\"reset_password\"}",
                                "application/json", List.of());
                        writes.addAndGet(4);
                    }
                    return null;
                });
            }
            List<long[]> samples = new ArrayList<>(); // seconds, database bytes, audit rows, mail rows
            long start = System.nanoTime();
            while (System.nanoTime() - start < SECONDS * 1_000_000_000L) {
                Thread.sleep(5000);
                long t = (System.nanoTime() - start) / 1_000_000_000L;
                samples.add(new long[] {t, size(jdbc, data, url != null),
                        jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single(),
                        jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single()});
            }
            stop.set(true);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            long window = RETENTION + 10; // the first retention window and the sweep after it
            long[] atWindow = samples.stream().filter(s -> s[0] >= window).findFirst().orElseThrow();
            long[] max = new long[4];
            for (long[] s : samples) {
                if (s[0] >= window) {
                    for (int i = 1; i < 4; i++) {
                        max[i] = Math.max(max[i], s[i]);
                    }
                }
            }
            for (long[] s : samples) {
                System.out.printf("bench: %-10s t=%3d s  database %8.1f MB  audit records %,8d  mails %,7d%n", backend, s[0],
                        s[1] / 1048576.0, s[2], s[3]);
            }
            System.out.printf("bench: %-10s %,d writes in %d s, retention %d s: after the first window (t=%d s) the database is "
                    + "%.1f MB, at most %.1f MB later (%.2f x); audit records %,d, at most %,d (%.2f x); mails %,d, at most %,d (%.2f x)%n",
                    backend, writes.get(), SECONDS, RETENTION, atWindow[0], atWindow[1] / 1048576.0, max[1] / 1048576.0,
                    (double) max[1] / atWindow[1], atWindow[2], max[2], (double) max[2] / atWindow[2], atWindow[3], max[3],
                    (double) max[3] / Math.max(1, atWindow[3]));
        } finally {
            ctx.close();
        }
    }

    private static long size(JdbcClient jdbc, Path data, boolean postgres) throws Exception {
        if (postgres) {
            return jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single();
        }
        try (var files = Files.walk(data)) {
            return files.filter(p -> p.toString().endsWith(".mv.db")).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
