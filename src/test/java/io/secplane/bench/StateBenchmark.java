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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.secplane.SecplaneApplication;
import io.secplane.roles.StaticRoles;
import io.secplane.support.EmbeddedPostgres;
import io.secplane.users.UserRepository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state benchmark (run by {@code bash bench/state.sh}, never by the test suite): on H2 and on
 * PostgreSQL, the first start of an empty server, then, with 10,000 objects and 1,000 users
 * present, a snapshot saved, a reset and a restore through the operator API, each as a ratio to
 * that first start, from the same run.
 */
@EnabledIfSystemProperty(named = "secplane.bench", matches = "state")
class StateBenchmark {

    private static final int OBJECTS = Integer.getInteger("secplane.bench.objects", 10_000);
    private static final int USERS = Integer.getInteger("secplane.bench.users", 1_000);
    private static final int ORGS = 10;

    @Test
    void run() throws Exception {
        // the JVM's own first start (class loading, the JIT) is not a server's: one start before
        start(null).close();
        for (String backend : List.of("h2", "postgres")) {
            String db = backend.equals("h2") ? null : EmbeddedPostgres.get().newDatabase();
            long t0 = System.nanoTime();
            ConfigurableApplicationContext ctx = start(db);
            double firstStart = ms(t0);
            try {
                load(ctx);
                String base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
                String operator = JsonMapper.builder().build().readTree(Files.readString(Path.of(
                        ctx.getEnvironment().getProperty("secplane.data-dir")).resolve("bootstrap.json"))).get("operatorToken").asString();
                HttpClient http = HttpClient.newHttpClient();
                double save = call(http, base, operator, "PUT", "/operator/v1/snapshots/bench");
                List<Double> resets = new ArrayList<>();
                List<Double> restores = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    resets.add(call(http, base, operator, "POST", "/operator/v1/state/reset"));
                    restores.add(call(http, base, operator, "POST", "/operator/v1/snapshots/bench/restore"));
                }
                double reset = resets.stream().sorted().toList().get(1);
                double restore = restores.stream().sorted().toList().get(1);
                System.out.printf("bench: %s first start of an empty server %.0f ms%n", backend, firstStart);
                System.out.printf("bench: %s with %,d objects and %,d users: snapshot saved %.0f ms (%.2fx the first start), "
                        + "reset %.0f ms (%.2fx), restore %.0f ms (%.2fx) (medians of 3)%n", backend, OBJECTS, USERS,
                        save, save / firstStart, reset, reset / firstStart, restore, restore / firstStart);
            } finally {
                ctx.close();
            }
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double call(HttpClient http, String base, String operator, String method, String path) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/json").method(method, method.equals("PUT") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        double took = ms(t0);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return took;
    }

    private static ConfigurableApplicationContext start(String database) throws Exception {
        Path data = Files.createTempDirectory("secplane-bench-state-");
        List<String> args = new ArrayList<>(List.of("--data-dir=" + data, "--management.server.port=0", "--server.port=0",
                "--secplane.https.enabled=false", "--secplane.http.enabled=false", "--logging.level.root=WARN"));
        if (database != null) {
            args.add("--database-url=" + database);
            args.add("--database-user=postgres");
        }
        return SpringApplication.run(SecplaneApplication.class, SecplaneApplication.translateArguments(args.toArray(String[]::new)));
    }

    /** 10 organizations with 1,000 objects and 100 users each (by default). */
    private static void load(ConfigurableApplicationContext ctx) throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        List<UUID> orgs = new ArrayList<>();
        try (Connection c = ctx.getBean(DataSource.class).getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement org = c.prepareStatement("INSERT INTO organizations (id, name, type, region_code, "
                    + "created_at, updated_at) VALUES (?, ?, 'STANDALONE', 'NAM', ?, ?)");
                 PreparedStatement o = c.prepareStatement("INSERT INTO network_objects (id, org_id, kind, name, name_key, labels, "
                         + "version, created_at, updated_at) VALUES (?, ?, 'NETWORK_OBJECT', ?, ?, '[]', 1, ?, ?)");
                 PreparedStatement l = c.prepareStatement("INSERT INTO network_literals (object_id, position, org_id, literal, "
                         + "value_kind, low_key, high_key) VALUES (?, 0, ?, ?, ?, ?, ?)")) {
                for (int g = 0; g < ORGS; g++) {
                    UUID id = UUID.randomUUID();
                    orgs.add(id);
                    org.setObject(1, id);
                    org.setString(2, "Bench org " + g);
                    org.setTimestamp(3, now);
                    org.setTimestamp(4, now);
                    org.addBatch();
                }
                org.executeBatch();
                for (int i = 0; i < OBJECTS; i++) {
                    UUID id = UUID.randomUUID();
                    UUID orgId = orgs.get(i % ORGS);
                    String name = String.format("obj-%06d", i);
                    io.secplane.objects.NetworkValue v = io.secplane.objects.NetworkValue.parse(
                            "10." + (i / 65536 % 256) + "." + (i / 256 % 256) + "." + (i % 256));
                    o.setObject(1, id);
                    o.setObject(2, orgId);
                    o.setString(3, name);
                    o.setString(4, name);
                    o.setTimestamp(5, now);
                    o.setTimestamp(6, now);
                    o.addBatch();
                    l.setObject(1, id);
                    l.setObject(2, orgId);
                    l.setString(3, v.literal());
                    l.setString(4, v.kind().name());
                    l.setString(5, io.secplane.objects.NetworkValue.key(v.family(), v.low()));
                    l.setString(6, io.secplane.objects.NetworkValue.key(v.family(), v.high()));
                    l.addBatch();
                }
                o.executeBatch();
                l.executeBatch();
            }
            c.commit();
        }
        UserRepository users = ctx.getBean(UserRepository.class);
        for (int i = 0; i < USERS; i++) {
            users.insert(UUID.randomUUID(), orgs.get(i % ORGS), "bench-" + i + "@example.com", "Bench", "User " + i, "ACTIVE",
                    null, List.of(StaticRoles.ORG_MEMBER));
        }
    }
}
