package io.secplane.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.secplane.SecplaneApplication;
import io.secplane.apikeys.ApiKeyService;
import io.secplane.objects.NetworkValue;
import io.secplane.roles.StaticRoles;
import io.secplane.support.EmbeddedPostgres;

/**
 * The common-objects benchmark (run by {@code bash bench/objects.sh}, never by the test suite):
 * a server on a fresh PostgreSQL with about 1,000,000 objects across 1,000 orgs (one of them with
 * 100,000, so that a page at offset 10,000 exists), then one client asking in turn: the first page,
 * the page at offset 10,000, a filtered search and an address-containment search. Prints p50/p99
 * of each and the deep page's cost against the first page's, from the same run.
 */
@EnabledIfSystemProperty(named = "secplane.bench", matches = "objects")
class ObjectsBenchmark {

    private static final int ORGS = Integer.getInteger("secplane.bench.orgs", 1000);
    private static final int BIG = Integer.getInteger("secplane.bench.big", 100_000);
    private static final int EACH = Integer.getInteger("secplane.bench.each", 900);
    private static final int REQUESTS = Integer.getInteger("secplane.bench.requests", 2000);

    @Test
    void run() throws Exception {
        Path data = Files.createTempDirectory("secplane-bench-");
        String url = EmbeddedPostgres.get().newDatabase();
        ConfigurableApplicationContext ctx = SpringApplication.run(SecplaneApplication.class,
                SecplaneApplication.translateArguments(new String[] {"--data-dir=" + data, "--management.server.port=0", "--server.port=0",
                        "--secplane.https.enabled=false", "--secplane.http.enabled=false", "--database-url=" + url,
                        "--database-user=postgres", "--logging.level.root=WARN"}));
        try {
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            long t0 = System.nanoTime();
            UUID big = load(ctx.getBean(DataSource.class));
            System.out.printf("bench: loaded %,d objects in %d orgs in %d s%n", BIG + (long) (ORGS - 1) * EACH, ORGS,
                    (System.nanoTime() - t0) / 1_000_000_000L);
            String token = ctx.getBean(ApiKeyService.class).create(big, "bench", null, null, null,
                    List.of(StaticRoles.ORG_ADMIN)).accessToken();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port + "/v1/organizations/" + big + "/objects";
            String[][] queries = {
                    {"first page", base + "?limit=50"},
                    {"page at offset 10,000", base + "?limit=50&offset=10000"},
                    {"filtered search (q)", base + "?limit=50&q=name:obj-0012*%20AND%20content:10.*"},
                    {"address containment", base + "?limit=50&contains=10.1.39.7"},
            };
            for (String[] q : queries) {
                Timings.measure(http, "api.us.security.localhost", token, q[1], REQUESTS / 4); // warm-up
            }
            double[] means = new double[queries.length];
            for (int i = 0; i < queries.length; i++) {
                long[] ns = Timings.measure(http, "api.us.security.localhost", token, queries[i][1], REQUESTS);
                Arrays.sort(ns);
                means[i] = Arrays.stream(ns).average().orElse(0) / 1e6;
                System.out.printf("bench: %-24s p50 %6.2f ms  p99 %6.2f ms  mean %6.2f ms  (%d requests, target p99 < 50 ms)%n",
                        queries[i][0], ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6, means[i], ns.length);
            }
            System.out.printf("bench: the page at offset 10,000 costs %.2f x the first (target <= 2)%n", means[1] / means[0]);
        } finally {
            ctx.close();
        }
    }

    /** Orgs, and their objects by JDBC batches: the big org first. Each object a host or a /24 network. */
    private static UUID load(DataSource ds) throws Exception {
        List<UUID> orgs = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement org = c.prepareStatement("INSERT INTO organizations (id, name, type, region_code, "
                    + "created_at, updated_at) VALUES (?, ?, 'STANDALONE', 'NAM', ?, ?)")) {
                for (int i = 0; i < ORGS; i++) {
                    UUID id = UUID.randomUUID();
                    orgs.add(id);
                    org.setObject(1, id);
                    org.setString(2, "Bench org " + i);
                    org.setTimestamp(3, now);
                    org.setTimestamp(4, now);
                    org.addBatch();
                }
                org.executeBatch();
            }
            try (PreparedStatement o = c.prepareStatement("INSERT INTO network_objects (id, org_id, kind, name, name_key, labels, "
                    + "version, created_at, updated_at) VALUES (?, ?, 'NETWORK_OBJECT', ?, ?, '[]', 1, ?, ?)");
                 PreparedStatement l = c.prepareStatement("INSERT INTO network_literals (object_id, position, org_id, literal, "
                         + "value_kind, low_key, high_key) VALUES (?, 0, ?, ?, ?, ?, ?)")) {
                int batched = 0;
                for (int g = 0; g < ORGS; g++) {
                    int count = g == 0 ? BIG : EACH;
                    for (int i = 0; i < count; i++) {
                        UUID id = UUID.randomUUID();
                        String name = String.format("obj-%06d", i);
                        NetworkValue v = NetworkValue.parse(i % 10 == 0 ? "10." + (i / 65536 % 256) + "." + (i / 256 % 256) + ".0/24"
                                : "10." + (i / 65536 % 256) + "." + (i / 256 % 256) + "." + (i % 256));
                        o.setObject(1, id);
                        o.setObject(2, orgs.get(g));
                        o.setString(3, name);
                        o.setString(4, name);
                        o.setTimestamp(5, now);
                        o.setTimestamp(6, now);
                        o.addBatch();
                        l.setObject(1, id);
                        l.setObject(2, orgs.get(g));
                        l.setString(3, v.literal());
                        l.setString(4, v.kind().name());
                        l.setString(5, NetworkValue.key(v.family(), v.low()));
                        l.setString(6, NetworkValue.key(v.family(), v.high()));
                        l.addBatch();
                        if (++batched % 5000 == 0) {
                            o.executeBatch();
                            l.executeBatch();
                            c.commit();
                        }
                    }
                }
                o.executeBatch();
                l.executeBatch();
                c.commit();
            }
            c.commit();
            c.setAutoCommit(true);
            try (var s = c.createStatement()) {
                // what autovacuum does to a table at rest: statistics, and the visibility map index-only scans use
                s.execute("VACUUM ANALYZE");
            }
        }
        return orgs.get(0);
    }
}
