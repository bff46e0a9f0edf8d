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
import java.util.Map;
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
 * The Secure Endpoint fleet benchmark (run by {@code bash bench/se-fleet.sh}, never by the test
 * suite): a server on a fresh PostgreSQL with 1,000 organizations, one of them with a Secure Endpoint
 * organization of 100,000 computers in 1,000 groups. One client asks in turn for the organizations
 * (the reference), the computers' first page and the page at start=50000, a hostname search and a
 * group's computers. Prints p50/p99 of each and the ratios against the reference from the same run.
 */
@EnabledIfSystemProperty(named = "secplane.bench", matches = "se-fleet")
class FleetBenchmark {

    private static final int ORGS = Integer.getInteger("secplane.bench.orgs", 1000);
    private static final int COMPUTERS = Integer.getInteger("secplane.bench.computers", 100_000);
    private static final int GROUPS = Integer.getInteger("secplane.bench.groups", 1000);
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
            long t0 = System.nanoTime();
            UUID group = load(ctx.getBean(DataSource.class), jdbc, org);
            System.out.printf("bench: loaded %,d organizations, %,d computers in %,d groups in %d s%n", ORGS, COMPUTERS, GROUPS,
                    (System.nanoTime() - t0) / 1_000_000_000L);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String v3 = base + "/v3/organizations";
            String computers = v3 + "/" + org + "/computers?size=100";
            String[][] queries = {
                    {"GET /v3/organizations", v3 + "?size=10"},
                    {"computers, first page", computers},
                    {"computers, start=50000", computers + "&start=50000"},
                    {"hostname search", computers + "&hostname=host-0123"},
                    {"a group's computers", computers + "&groupGuid=" + group},
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
            System.out.printf("bench: the page at start=50000 costs %.2f x the first (mean; target <= 2)%n", mean[2] / mean[1]);
            // positions are kept per version of the fleet: the first read after a change counts again
            var fleet = ctx.getBean(io.secplane.secureendpoint.fleet.FleetRepository.class);
            UUID one = jdbc.sql("SELECT connector_guid FROM se_computers WHERE se_org = ? LIMIT 1").param(org).query(UUID.class).single();
            long[] afterChange = new long[30];
            for (int i = 0; i < afterChange.length; i++) {
                fleet.move(org, one, i % 2 == 0 ? group : jdbc.sql("SELECT guid FROM se_groups WHERE se_org = ? AND name = 'Audit'")
                        .param(org).query(UUID.class).single());
                afterChange[i] = Timings.measure(http, "api.amp.localhost", seToken, queries[2][1], 1)[0];
            }
            Arrays.sort(afterChange);
            System.out.printf("bench: start=50000, first read after a change: median %.2f ms (positions kept again; no target)%n",
                    afterChange[afterChange.length / 2] / 1e6);
        } finally {
            ctx.close();
        }
    }

    /** The other organizations, the groups (each with the Protect policy of every system) and the computers; a group's guid. */
    private static UUID load(DataSource ds, JdbcClient jdbc, String org) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        Map<String, UUID> protect = new java.util.HashMap<>();
        jdbc.sql("SELECT operating_system, guid FROM se_policies WHERE se_org = ? AND name = 'Protect'").param(org)
                .query((rs, n) -> protect.put(rs.getString(1), rs.getObject(2, UUID.class))).list();
        List<UUID> groups = new ArrayList<>();
        String[] systems = {"windows", "windows", "windows", "mac", "linux"};
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement o = c.prepareStatement("INSERT INTO organizations (id, name, type, region_code, "
                    + "created_at, updated_at) VALUES (?, ?, 'STANDALONE', 'NAM', ?, ?)")) {
                for (int i = 1; i < ORGS; i++) {
                    o.setObject(1, UUID.randomUUID());
                    o.setString(2, "Bench org " + i);
                    o.setTimestamp(3, now);
                    o.setTimestamp(4, now);
                    o.addBatch();
                }
                o.executeBatch();
            }
            try (PreparedStatement g = c.prepareStatement("INSERT INTO se_groups (guid, se_org, name, name_key, description, "
                    + "created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?)");
                 PreparedStatement gp = c.prepareStatement("INSERT INTO se_group_policies (group_guid, operating_system, "
                         + "policy_guid) VALUES (?, ?, ?)")) {
                for (int i = 0; i < GROUPS; i++) {
                    UUID id = UUID.randomUUID();
                    groups.add(id);
                    g.setObject(1, id);
                    g.setString(2, org);
                    g.setString(3, "Group " + i);
                    g.setString(4, "group " + i);
                    g.setTimestamp(5, now);
                    g.setTimestamp(6, now);
                    g.addBatch();
                    for (var p : protect.entrySet()) {
                        gp.setObject(1, id);
                        gp.setString(2, p.getKey());
                        gp.setObject(3, p.getValue());
                        gp.addBatch();
                    }
                }
                g.executeBatch();
                gp.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO se_computers (connector_guid, se_org, group_guid, hostname, "
                    + "hostname_key, operating_system, os_version, connector_version, internal_ips, external_ip, last_seen, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, '', '8.4.2', ?, NULL, ?, ?)")) {
                for (int i = 0; i < COMPUTERS; i++) {
                    String host = String.format("host-%06d", i);
                    p.setObject(1, UUID.randomUUID());
                    p.setString(2, org);
                    p.setObject(3, groups.get(i % GROUPS));
                    p.setString(4, host.toUpperCase(java.util.Locale.ROOT));
                    p.setString(5, host);
                    p.setString(6, systems[i % systems.length]);
                    p.setString(7, "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256));
                    p.setTimestamp(8, now);
                    p.setTimestamp(9, now);
                    p.addBatch();
                    if (i % 5000 == 4999) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (var st = c.createStatement()) {
                st.execute("VACUUM ANALYZE");
            }
        }
        return groups.get(7);
    }
}
