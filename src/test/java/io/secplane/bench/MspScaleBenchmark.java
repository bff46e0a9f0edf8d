package io.secplane.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.SecplaneApplication;
import io.secplane.access.AccessResolver;
import io.secplane.apikeys.ApiKeyService;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import io.secplane.support.EmbeddedPostgres;

/**
 * Reach at the scale of a managed service provider (run by {@code bash bench/msp-scale.sh}, never by
 * the test suite): a server on a fresh PostgreSQL with 100,000 organizations, one managing org that
 * manages 20,000 of them, admin groups of each {@code appliesTo} (all, manager, 5,000 selected
 * managed orgs), 1,000,000 users and 10,000,000 audit records. Each caller of the managing org (its
 * administrator by role, and a member of each group) and the administrator of a standalone org ask
 * in turn for the same calls, with what they may do remembered (warm) and forgotten just before
 * (cold). Prints p50/p99 and each p99 against the standalone caller's same call from the same run.
 */
@EnabledIfSystemProperty(named = "secplane.bench", matches = "msp-scale")
class MspScaleBenchmark {

    private static final int ORGS = Integer.getInteger("secplane.bench.orgs", 100_000);
    private static final int MANAGED = Integer.getInteger("secplane.bench.managed", 20_000);
    private static final int SELECTED = Integer.getInteger("secplane.bench.selected", 5_000);
    private static final int USERS_PER_ORG = Integer.getInteger("secplane.bench.users-per-org", 10);
    private static final int AUDIT = Integer.getInteger("secplane.bench.audit", 10_000_000);
    private static final int REQUESTS = Integer.getInteger("secplane.bench.requests", 200);

    private record Caller(String name, UUID user, UUID org, String token, UUID target) {
    }

    @Test
    void run() throws Exception {
        Path data = Files.createTempDirectory("secplane-bench-");
        String url = EmbeddedPostgres.get().newDatabase();
        ConfigurableApplicationContext ctx = SpringApplication.run(SecplaneApplication.class,
                SecplaneApplication.translateArguments(new String[] {"--data-dir=" + data, "--management.server.port=0",
                        "--server.port=0", "--secplane.https.enabled=false", "--secplane.http.enabled=false",
                        "--database-url=" + url, "--database-user=postgres", "--logging.level.root=WARN"}));
        try {
            String base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            ApiKeyService keys = ctx.getBean(ApiKeyService.class);
            AccessResolver resolver = ctx.getBean(AccessResolver.class);
            long t0 = System.nanoTime();
            UUID msp = UUID.randomUUID();
            UUID standalone = UUID.randomUUID();
            load(ctx.getBean(javax.sql.DataSource.class), msp, standalone);
            System.out.printf("bench: loaded %,d organizations (%,d managed by one), %,d users, %,d audit records in %d s%n",
                    ORGS, MANAGED, ORGS * USERS_PER_ORG, AUDIT, (System.nanoTime() - t0) / 1_000_000_000L);

            List<UUID> managed = jdbc.sql("SELECT managed_id FROM org_managers WHERE manager_id = ? ORDER BY managed_id")
                    .param(msp).query(UUID.class).list();
            Caller boss = caller(jdbc, keys, "MSP admin (role)", msp, managed.get(managed.size() / 2));
            Caller alone = caller(jdbc, keys, "standalone admin", standalone, standalone);
            Api bossApi = new Api(base).as(boss.token());
            List<Caller> callers = new ArrayList<>(List.of(boss));
            UUID selectedTarget = null;
            String managerGroup = null;
            for (String appliesTo : List.of("manager", "all", "selected_managed")) {
                UUID user = newUser(jdbc, msp, "group-" + appliesTo);
                String group = bossApi.post("/v1/organizations/" + msp + "/adminGroups", "{\"name\":\"" + appliesTo
                        + "\",\"appliesTo\":\"" + appliesTo + "\"}").json().get("id").asString();
                Api.Reply r = bossApi.send("PATCH", "/v1/organizations/" + msp + "/adminGroups/" + group, "{\"users\":[{\"operation\":"
                        + "\"add\",\"id\":\"" + email(jdbc, user) + "\"}],\"roles\":[{\"operation\":\"add\",\"id\":\""
                        + StaticRoles.ORG_ADMIN + "\"}]}", "application/json", List.of());
                check(r, 200);
                if (appliesTo.equals("manager")) {
                    managerGroup = group;
                }
                if (appliesTo.equals("selected_managed")) {
                    // its member reads its own org through the manager group (a role of its own there would reach
                    // every managed org): the list of orgs needs that
                    check(bossApi.send("PATCH", "/v1/organizations/" + msp + "/adminGroups/" + managerGroup, "{\"users\":[{"
                            + "\"operation\":\"add\",\"id\":\"" + email(jdbc, user) + "\"}]}", "application/json", List.of()), 200);
                    jdbc.sql("INSERT INTO admin_group_orgs (group_id, managed_org_id) SELECT ?, managed_id FROM org_managers "
                            + "WHERE manager_id = ? ORDER BY managed_id LIMIT " + SELECTED).param(UUID.fromString(group)).param(msp).update();
                    selectedTarget = managed.get(SELECTED / 2);
                }
                UUID target = switch (appliesTo) {
                    case "all" -> managed.get(managed.size() / 3);
                    case "manager" -> msp;
                    default -> selectedTarget;
                };
                callers.add(new Caller("MSP group " + appliesTo, user, msp,
                        keys.create(msp, "bench", null, null, user, List.of(StaticRoles.ORG_ADMIN)).accessToken(), target));
            }
            callers.add(alone);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            // each call by every caller in turn, twice, the standalone admin's the reference
            String[] names = {"list orgs, first page", "list orgs, last page", "GET one org", "list an org's users", "audit log by actor"};
            Map<Caller, String[]> urls = new LinkedHashMap<>();
            for (Caller c : callers) {
                urls.put(c, new String[] {base + "/v1/organizations?max=50",
                        base + "/v1/organizations?max=50&cursor=" + lastCursor(new Api(base).as(c.token())),
                        base + "/v1/organizations/" + c.target(),
                        base + "/v1/organizations/" + c.target() + "/users?max=50",
                        base + "/v1/organizations/" + c.org() + "/auditLog?max=50&actor=" + c.user()});
            }
            List<String> lines = new ArrayList<>();
            for (int call = 0; call < names.length; call++) {
                Map<Caller, long[][]> times = new LinkedHashMap<>();
                for (Caller c : callers) {
                    Timings.measure(http, "api.security.localhost", c.token(), urls.get(c)[call], REQUESTS / 4); // warm-up
                    times.put(c, new long[][] {new long[0], new long[0]});
                }
                for (int round = 0; round < 2; round++) {
                    for (Caller c : callers) {
                        String u = urls.get(c)[call];
                        long[] warm = Timings.measure(http, "api.security.localhost", c.token(), u, REQUESTS / 2);
                        long[] cold = new long[REQUESTS / 2];
                        for (int i = 0; i < cold.length; i++) {
                            resolver.userChanged(c.user()); // what the caller may do is read again at this request
                            cold[i] = Timings.measure(http, "api.security.localhost", c.token(), u, 1)[0];
                        }
                        long[][] t = times.get(c);
                        times.put(c, new long[][] {concat(t[0], warm), concat(t[1], cold)});
                    }
                }
                long[][] ref = times.get(alone);
                for (Caller c : callers) {
                    long[][] t = times.get(c);
                    lines.add(String.format("bench: %-28s %-22s warm p50 %6.2f p99 %6.2f ms (x%4.2f)   cold p50 %6.2f p99 %6.2f ms (x%4.2f)",
                            c.name(), names[call], p(t[0], 0.5), p(t[0], 0.99), p(t[0], 0.99) / p(ref[0], 0.99),
                            p(t[1], 0.5), p(t[1], 0.99), p(t[1], 0.99) / p(ref[1], 0.99)));
                }
            }
            lines.forEach(System.out::println);
            System.out.println("bench: (x: p99 / the standalone admin's p99 of the same call, same run; target <= 3)");
            System.out.println("bench: (the manager group reaches no managed org: its 'one org' and users are of its own org, whose "
                    + "answer lists the ids of the " + MANAGED + " orgs it manages)");
            for (Caller c : callers) {
                if (c == alone) {
                    continue;
                }
                long[] first = Timings.measure(http, "api.security.localhost", c.token(), base + "/v1/organizations?max=50", REQUESTS);
                long[] last = Timings.measure(http, "api.security.localhost", c.token(), base + "/v1/organizations?max=50&cursor="
                        + lastCursor(new Api(base).as(c.token())), REQUESTS);
                System.out.printf("bench: %-28s last page / first page, p99: %4.2f (target <= 2)%n", c.name(), p(last, 0.99) / p(first, 0.99));
            }

            // a user added to the all group reaches the managed orgs at its next request
            UUID late = newUser(jdbc, msp, "late");
            Api lateApi = new Api(base).as(keys.create(msp, "late", null, null, late, List.of(StaticRoles.ORG_ADMIN)).accessToken());
            check(lateApi.get("/v1/organizations/" + managed.get(managed.size() - 1)), 404);
            String all = jdbc.sql("SELECT id FROM admin_groups WHERE org_id = ? AND applies_to = 'all'").param(msp)
                    .query(UUID.class).single().toString();
            check(bossApi.send("PATCH", "/v1/organizations/" + msp + "/adminGroups/" + all, "{\"users\":[{\"operation\":\"add\","
                    + "\"id\":\"" + email(jdbc, late) + "\"}]}", "application/json", List.of()), 200);
            check(lateApi.get("/v1/organizations/" + managed.get(managed.size() - 1)), 200);
            int reached = 0;
            String cursor = null;
            do {
                var page = lateApi.get("/v1/organizations?max=500" + (cursor == null ? "" : "&cursor=" + cursor)).json();
                reached += page.get("organizations").size();
                cursor = page.has("cursor") && !page.get("cursor").isNull() ? page.get("cursor").asString() : null;
            } while (cursor != null);
            System.out.printf("bench: a user added to the 'all' group reaches %,d organizations at its next requests (target: %,d)%n",
                    reached, MANAGED + 1);

            // making a managed org: the MSP's 20,001st and onwards against a new manager's first ones
            UUID fresh = UUID.randomUUID();
            jdbc.sql("INSERT INTO organizations (id, name, type, region_code, created_at, updated_at) VALUES (?, 'Fresh MSP', 'MANAGER', "
                    + "'NAM', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)").param(fresh).update();
            Caller freshBoss = caller(jdbc, keys, "fresh MSP", fresh, fresh);
            double[] firstMade = make(new Api(base).as(freshBoss.token()), 50);
            double[] laterMade = make(bossApi, 50);
            System.out.printf("bench: making a managed org: the first ones p50 %.2f p99 %.2f ms, the %,dth on p50 %.2f p99 %.2f ms: "
                    + "%.2f x (p50; target <= 2)%n", firstMade[0], firstMade[1], MANAGED + 1, laterMade[0], laterMade[1],
                    laterMade[0] / firstMade[0]);
        } finally {
            ctx.close();
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] make(Api api, int n) {
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            check(api.post("/v1/organizations", "{\"name\":\"Made " + UUID.randomUUID() + "\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}"), 201);
            ns[i] = System.nanoTime() - t;
        }
        return new double[] {p(ns, 0.5), p(ns, 0.99)};
    }

    private static String lastCursor(Api api) {
        String cursor = null;
        String last = "";
        while (true) {
            var page = api.get("/v1/organizations?max=50" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            String next = page.has("cursor") && !page.get("cursor").isNull() ? page.get("cursor").asString() : null;
            if (next == null) {
                return last;
            }
            last = cursor == null ? "" : cursor;
            cursor = next;
        }
    }

    private static void check(Api.Reply r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + r.raw());
        }
    }

    private static double p(long[] ns, double q) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) (s.length * q))] / 1e6;
    }

    private static String email(JdbcClient jdbc, UUID user) {
        return jdbc.sql("SELECT email FROM users WHERE id = ?").param(user).query(String.class).single();
    }

    private static UUID newUser(JdbcClient jdbc, UUID org, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, org_id, email, email_key, first_name, last_name, status, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 'Bench', ?, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param(id).param(org).param(name + "-" + id + "@example.com").param(name + "-" + id + "@example.com").param(name).update();
        return id;
    }

    /** An administrator of an org (by role) and its key. */
    private static Caller caller(JdbcClient jdbc, ApiKeyService keys, String name, UUID org, UUID target) {
        UUID user = newUser(jdbc, org, "admin");
        jdbc.sql("INSERT INTO user_roles (org_id, user_id, role_id) VALUES (?, ?, ?)").param(org).param(user).param(StaticRoles.ORG_ADMIN).update();
        return new Caller(name, user, org, keys.create(org, "bench", null, null, user, List.of(StaticRoles.ORG_ADMIN)).accessToken(), target);
    }

    /**
     * Everything by statements the database runs itself (no row crosses the wire), on one connection;
     * the audit log's indexes and key are dropped for its ten million rows and made again after, from
     * their definitions as the database holds them.
     */
    private static void load(javax.sql.DataSource ds, UUID msp, UUID standalone) throws Exception {
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("SET maintenance_work_mem = '512MB'");
            st.execute("SET synchronous_commit = off");
            st.execute("INSERT INTO organizations (id, name, type, region_code, created_at, updated_at) VALUES "
                    + "('" + msp + "', 'Bench MSP', 'MANAGER', 'NAM', now(), now()), "
                    + "('" + standalone + "', 'Bench standalone', 'STANDALONE', 'NAM', now(), now())");
            st.execute("CREATE TEMPORARY TABLE bench_orgs AS SELECT g AS n, gen_random_uuid() AS id FROM generate_series(1, "
                    + (ORGS - 2) + ") g");
            st.execute("INSERT INTO organizations (id, name, type, region_code, created_at, updated_at) SELECT id, "
                    + "CASE WHEN n <= " + MANAGED + " THEN 'Managed ' ELSE 'Other ' END || lpad(n::text, 6, '0'), "
                    + "CASE WHEN n <= " + MANAGED + " THEN 'MANAGED' ELSE 'STANDALONE' END, 'NAM', now() - n * interval '1 second', "
                    + "now() FROM bench_orgs");
            st.execute("INSERT INTO org_managers (manager_id, managed_id, created_at, managed_name, managed_created_at, managed_type, "
                    + "managed_region_code) SELECT '" + msp + "', o.id, now(), o.name, o.created_at, o.type, o.region_code "
                    + "FROM organizations o JOIN bench_orgs b ON b.id = o.id WHERE b.n <= " + MANAGED);
            st.execute("INSERT INTO users (id, org_id, email, email_key, first_name, last_name, status, created_at, updated_at) "
                    + "SELECT gen_random_uuid(), o.id, 'user' || u || '@org' || o.n || '.example.com', 'user' || u || '@org' || o.n "
                    + "|| '.example.com', 'Bench', 'User ' || u, 'ACTIVE', now(), now() FROM bench_orgs o "
                    + "CROSS JOIN generate_series(1, " + USERS_PER_ORG + ") u");
            List<String> remake = new ArrayList<>();
            try (var rs = st.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_log' AND indexname <> 'audit_log_pkey'")) {
                while (rs.next()) {
                    remake.add(rs.getString(1));
                }
            }
            for (String def : remake) {
                st.execute("DROP INDEX " + def.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) .*$", "$2"));
            }
            st.execute("ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey");
            // a tenth in the managing org, as much in the standalone org, the rest across the others; by 50 actors
            String audit = "INSERT INTO audit_log (id, org_id, at, actor_kind, actor_id, operation, target, outcome, status) "
                    + "SELECT gen_random_uuid(), %s, now() - g * interval '1 second', 'API_KEY', 'actor-' || (g %% 50), "
                    + "'updateOrganization', 'organizations/bench', 'success', 200 FROM generate_series(1, %d) g%s";
            st.execute(String.format(audit, "'" + msp + "'", AUDIT / 10, ""));
            st.execute(String.format(audit, "'" + standalone + "'", AUDIT / 10, ""));
            st.execute("CREATE INDEX bench_orgs_by_n ON bench_orgs (n)");
            st.execute("ANALYZE bench_orgs");
            st.execute(String.format(audit, "o.id", AUDIT - 2 * (AUDIT / 10), " JOIN bench_orgs o ON o.n = 1 + (g % " + (ORGS - 2) + ")"));
            st.execute("ALTER TABLE audit_log ADD PRIMARY KEY (id)");
            for (String def : remake) {
                st.execute(def);
            }
            st.execute("VACUUM ANALYZE"); // nothing left for the database's own vacuum to do while the calls are timed
        }
    }
}
