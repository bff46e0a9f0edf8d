package io.secplane.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.SecplaneApplication;
import io.secplane.support.Api;
import io.secplane.support.EmbeddedPostgres;
import io.secplane.support.XdrFixtures;

/**
 * The Secure Endpoint configuration benchmark (run by {@code bash bench/se-config.sh}, never by the
 * test suite): a server on a fresh PostgreSQL; one organization with an exclusion set of 10,000
 * exclusions and a Windows policy carrying 50 sets of 200 exclusions each. One client asks in turn
 * for the organizations (the reference), the set's first and last page of exclusions, and the
 * policy's XML. Prints p50/p99 of each, and the ratios against the reference from the same run.
 */
@EnabledIfSystemProperty(named = "secplane.bench", matches = "se-config")
class SecureEndpointConfigurationBenchmark {

    private static final int BIG = Integer.getInteger("secplane.bench.big", 10_000);
    private static final int SETS = Integer.getInteger("secplane.bench.sets", 50);
    private static final int EACH = Integer.getInteger("secplane.bench.each", 200);
    private static final int REQUESTS = Integer.getInteger("secplane.bench.requests", 1000);

    @Test
    void run() throws Exception {
        Path data = Files.createTempDirectory("secplane-bench-");
        String url = EmbeddedPostgres.get().newDatabase();
        ConfigurableApplicationContext ctx = SpringApplication.run(SecplaneApplication.class,
                SecplaneApplication.translateArguments(new String[] {"--data-dir=" + data, "--management.server.port=0",
                        "--server.port=0", "--secplane.https.enabled=false", "--secplane.http.enabled=false",
                        "--database-url=" + url, "--database-user=postgres", "--logging.level.root=WARN",
                        "--secplane.rate-limits.secure-endpoint-per-client-per-hour=1000000000",
                        "--secplane.rate-limits.iroh-per-org-per-hour=1000000000"}));
        try {
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            String base = "http://127.0.0.1:" + port;
            XdrFixtures.Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "admin", "Bench organization");
            String seToken = XdrFixtures.seToken(new Api(base), t);
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            String org = jdbc.sql("SELECT identifier FROM se_organizations WHERE org_id = ?").param(t.orgId())
                    .query(String.class).single();
            UUID policy = jdbc.sql("SELECT guid FROM se_policies WHERE se_org = ? AND operating_system = 'windows' "
                    + "AND name = 'Protect'").param(org).query(UUID.class).single();
            long t0 = System.nanoTime();
            UUID big = load(ctx.getBean(DataSource.class), org, policy);
            System.out.printf("bench: loaded %,d exclusions in %d sets in %d s%n", BIG + (long) SETS * EACH, SETS + 1,
                    (System.nanoTime() - t0) / 1_000_000_000L);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String v3 = base + "/v3/organizations";
            String[][] queries = {
                    {"GET /v3/organizations", v3 + "?size=10"},
                    {"exclusions, first page", v3 + "/" + org + "/exclusion_sets/" + big + "/exclusions?size=100"},
                    {"exclusions, last page", v3 + "/" + org + "/exclusion_sets/" + big + "/exclusions?size=100&start=" + (BIG - 100)},
                    {"policy XML, 50 x 200", v3 + "/" + org + "/policies/" + policy + "/xml"},
            };
            for (String[] q : queries) {
                Timings.measure(http, "api.amp.localhost", seToken, q[1], REQUESTS / 4); // warm-up
            }
            double[] p99 = new double[queries.length];
            double[] mean = new double[queries.length];
            for (int round = 0; round < 2; round++) { // the reference and the others in turn, twice
                for (int i = 0; i < queries.length; i++) {
                    long[] ns = Timings.measure(http, "api.amp.localhost", seToken, queries[i][1], REQUESTS / 2);
                    Arrays.sort(ns);
                    p99[i] += ns[(int) (ns.length * 0.99)] / 1e6 / 2;
                    mean[i] += Arrays.stream(ns).average().orElse(0) / 1e6 / 2;
                }
            }
            for (int i = 0; i < queries.length; i++) {
                System.out.printf("bench: %-24s mean %7.2f ms  p99 %7.2f ms  p99 / reference's %5.2f%s%n", queries[i][0],
                        mean[i], p99[i], p99[i] / p99[0], i == 0 ? "" : "  (target <= 3)");
            }
            System.out.printf("bench: the last page of 10,000 exclusions costs %.2f x the first (mean; target <= 2)%n",
                    mean[2] / mean[1]);
            // the XML is kept by the policy's serial number: the first read after a change builds it
            UUID carried = jdbc.sql("SELECT set_guid FROM se_policy_exclusion_sets WHERE policy_guid = ? LIMIT 1").param(policy)
                    .query(UUID.class).single();
            long[] afterChange = new long[50];
            for (int i = 0; i < afterChange.length; i++) {
                HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(v3 + "/" + org + "/exclusion_sets/"
                                + carried + "/exclusions")).header("Authorization", "Bearer " + seToken)
                        .header("Host", "api.amp.localhost").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"exclusionType\":\"fileExtension\",\"fileExtension\":\".b"
                                + i + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                if (added.statusCode() != 201) {
                    throw new IllegalStateException("adding an exclusion -> " + added.statusCode() + " " + added.body());
                }
                afterChange[i] = Timings.measure(http, "api.amp.localhost", seToken, queries[3][1], 1)[0];
            }
            Arrays.sort(afterChange);
            System.out.printf("bench: policy XML, first read after a change: median %.2f ms (built again; no target)%n",
                    afterChange[afterChange.length / 2] / 1e6);
        } finally {
            ctx.close();
        }
    }

    /** The big set, and the policy's 50 sets, by JDBC batches; the big set's guid. */
    private static UUID load(DataSource ds, String org, UUID policy) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        List<UUID> sets = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO se_exclusion_sets (guid, se_org, name, name_key, "
                    + "operating_system, created_at, updated_at) VALUES (?, ?, ?, ?, 'windows', ?, ?)");
                 PreparedStatement e = c.prepareStatement("INSERT INTO se_exclusions (guid, set_guid, exclusion_type, fields, "
                         + "item_value, any_drive, created_at) VALUES (?, ?, 'path', ?, ?, FALSE, ?)");
                 PreparedStatement a = c.prepareStatement("INSERT INTO se_policy_exclusion_sets (policy_guid, set_guid, "
                         + "attached_at) VALUES (?, ?, ?)")) {
                for (int i = 0; i <= SETS; i++) {
                    UUID set = UUID.randomUUID();
                    sets.add(set);
                    s.setObject(1, set);
                    s.setString(2, org);
                    s.setString(3, "Set " + i);
                    s.setString(4, "set " + i);
                    s.setTimestamp(5, now);
                    s.setTimestamp(6, now);
                    s.addBatch();
                }
                s.executeBatch();
                for (int i = 0; i <= SETS; i++) {
                    int count = i == 0 ? BIG : EACH;
                    for (int j = 0; j < count; j++) {
                        String path = "C:\\\\Program Files\\\\Vendor " + i + "\\\\app-" + j + "\\\\";
                        e.setObject(1, UUID.randomUUID());
                        e.setObject(2, sets.get(i));
                        e.setString(3, "{\"path\":\"" + path + "\",\"anyDrive\":false}");
                        e.setString(4, path.replace("\\\\", "\\"));
                        e.setTimestamp(5, now);
                        e.addBatch();
                    }
                    e.executeBatch();
                    if (i > 0) {
                        a.setObject(1, policy);
                        a.setObject(2, sets.get(i));
                        a.setTimestamp(3, now);
                        a.addBatch();
                    }
                }
                a.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (var st = c.createStatement()) {
                st.execute("VACUUM ANALYZE");
            }
        }
        return sets.get(0);
    }
}
