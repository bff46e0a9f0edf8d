package io.secplane.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.SecplaneApplication;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reset, snapshots, export and import of the whole state, end to end: real servers of their own
 * (a reset would empty what the shared test server's other suites hold), each request and answer
 * checked against the operator's contract.
 */
public abstract class StateSuite {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final UUID ACME = UUID.fromString("550e8400-e29b-41d4-a716-446655440003");
    static final UUID ACME_EAST = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    /** The database URL of a new database, or null for H2 in each node's data directory. */
    protected abstract String newDatabase() throws Exception;

    /** A server process's worth of server on a database (null: its own H2), with or without the demo. */
    protected Node node(String database, boolean demo) throws Exception {
        return node(database, demo, Files.createTempDirectory("secplane-state-"));
    }

    protected Node node(String database, boolean demo, Path data) throws Exception {
        List<String> args = new ArrayList<>(List.of("--data-dir=" + data, "--management.server.port=0", "--server.port=0",
                "--secplane.https.enabled=false", "--secplane.http.enabled=false"));
        if (database != null) {
            args.add("--database-url=" + database);
            args.add("--database-user=postgres");
        }
        if (demo) {
            args.add("--demo");
        }
        ConfigurableApplicationContext ctx = SpringApplication.run(SecplaneApplication.class,
                SecplaneApplication.translateArguments(args.toArray(String[]::new)));
        nodes.add(ctx);
        return new Node(ctx, data);
    }

    protected record Node(ConfigurableApplicationContext ctx, Path data) {
        Api anonymous() {
            return new Api("http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port"));
        }

        JsonNode bootstrap() throws Exception {
            return JSON.readTree(Files.readString(data.resolve("bootstrap.json")));
        }

        Api operator() throws Exception {
            return anonymous().as(bootstrap().get("operatorToken").asString());
        }

        Api admin() throws Exception {
            return anonymous().as(bootstrap().get("accessToken").asString());
        }

        JdbcClient jdbc() {
            return ctx.getBean(JdbcClient.class);
        }

        long count(String table) {
            return jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
        }
    }

    @AfterEach
    void stop() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
    }

    private static String iroh(Api anonymous, String clientId, String password) {
        Api.Reply r = anonymous.onHost("visibility.amp.localhost").send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                "application/x-www-form-urlencoded", List.of("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString((clientId + ":" + password).getBytes())));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().get("access_token").asString();
    }

    @Test
    void aResetReplacesEveryOrganizationKeepsTheOperatorAndWritesTheNewFirstStart() throws Exception {
        Node n = node(newDatabase(), true);
        JsonNode before = n.bootstrap();
        Api oldAdmin = n.admin();
        assertThat(oldAdmin.get("/v1/organizations/" + ACME).status()).isEqualTo(200);
        String operatorToken = before.get("operatorToken").asString();
        long staticRoles = n.jdbc().sql("SELECT COUNT(*) FROM roles WHERE org_id IS NULL").query(Long.class).single();
        long keys = n.count("signing_keys");

        Api.Reply reset = n.operator().post("/operator/v1/state/reset", "{}");
        assertThat(reset.status()).as(reset.raw()).isEqualTo(200);
        assertThat(reset.header("Cache-Control")).isEqualTo("no-store");
        JsonNode fresh = reset.json();
        UUID org = UUID.fromString(fresh.get("orgId").asString());
        assertThat(org).isNotEqualTo(ACME);
        assertThat(fresh.has("xdrClientId")).isFalse();
        // bootstrap.json: the new first start's, with the operator token it had
        JsonNode file = n.bootstrap();
        assertThat(file.get("orgId").asString()).isEqualTo(org.toString());
        assertThat(file.get("accessToken").asString()).isEqualTo(fresh.get("accessToken").asString());
        assertThat(file.get("adminPassword").asString()).isEqualTo(fresh.get("adminPassword").asString());
        assertThat(file.get("operatorToken").asString()).isEqualTo(operatorToken);
        // the state: one organization, its administrator and key; the migrations' rows and the keys stay
        assertThat(n.count("organizations")).isEqualTo(1);
        assertThat(n.count("users")).isEqualTo(1);
        assertThat(n.count("api_keys")).isEqualTo(1);
        assertThat(n.count("se_organizations")).isZero();
        assertThat(n.count("claim_codes")).isZero();
        assertThat(n.jdbc().sql("SELECT COUNT(*) FROM roles WHERE org_id IS NULL").query(Long.class).single()).isEqualTo(staticRoles);
        assertThat(n.count("signing_keys")).isEqualTo(keys);
        // the old key is refused at once, the new one answers, the operator stays signed in
        Api.Reply refused = oldAdmin.get("/v1/organizations/" + ACME);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(401);
        JsonNode orgs = n.anonymous().as(fresh.get("accessToken").asString()).get("/v1/organizations").json();
        assertThat(orgs.get("organizations").size()).isEqualTo(1);
        assertThat(orgs.get("organizations").get(0).get("id").asString()).isEqualTo(org.toString());
        assertThat(n.operator().get("/operator/v1/snapshots").status()).isEqualTo(200);

        // to the demo: its organizations, its client and claim codes come back
        Api.Reply demo = n.operator().post("/operator/v1/state/reset", "{\"demo\":true}");
        assertThat(demo.status()).as(demo.raw()).isEqualTo(200);
        assertThat(demo.json().get("orgId").asString()).isEqualTo(ACME.toString());
        assertThat(demo.json().get("claimCodes").size()).isEqualTo(2);
        iroh(n.anonymous(), demo.json().get("xdrClientId").asString(), demo.json().get("xdrClientPassword").asString());
        assertThat(n.anonymous().as(demo.json().get("accessToken").asString()).get("/v1/organizations/" + ACME_EAST).status())
                .isEqualTo(200);
        assertThat(n.anonymous().as(fresh.get("accessToken").asString()).get("/v1/organizations").status()).isEqualTo(401);

        // an organization's token is not the operator's
        Api.Reply notOperator = n.admin().post("/operator/v1/state/reset", "{}");
        assertThat(notOperator.status()).isEqualTo(401);
        assertThat(n.count("organizations")).isGreaterThan(1);
        Api.Reply bad = n.operator().post("/operator/v1/state/reset", "{\"demo\":\"yes\"}");
        assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
    }

    @Test
    void aSnapshotIsSavedListedRestoredAndDeleted() throws Exception {
        String db = newDatabase();
        Node n = node(db, false);
        Api op = n.operator();
        String org = n.bootstrap().get("orgId").asString();
        Api.Reply saved = op.put("/operator/v1/snapshots/clean", null);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(201);
        assertThat(saved.json().get("organizations").asInt()).isEqualTo(1);
        assertThat(saved.json().get("sizeBytes").asLong()).isPositive();
        // a user added after the snapshot
        String user = UUID.randomUUID().toString();
        n.ctx().getBean(io.secplane.users.UserRepository.class).insert(UUID.fromString(user), UUID.fromString(org),
                "after@example.com", "After", "Snapshot", "ACTIVE", null, List.of(StaticRoles.ORG_MEMBER));
        assertThat(n.admin().get("/v1/organizations/" + org + "/users/" + user).status()).isEqualTo(200);
        Api.Reply second = op.put("/operator/v1/snapshots/with-user", null);
        assertThat(second.json().get("rows").asInt()).isGreaterThan(saved.json().get("rows").asInt());
        JsonNode list = op.get("/operator/v1/snapshots").json().get("snapshots");
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).get("name").asString()).isEqualTo("clean");
        // they survive a restart
        n.ctx().close();
        nodes.remove(n.ctx());
        n = node(db, false, n.data());
        op = n.operator();
        assertThat(op.get("/operator/v1/snapshots").json().get("snapshots")).isEqualTo(list);

        Api.Reply restored = op.post("/operator/v1/snapshots/clean/restore", null);
        assertThat(restored.status()).as(restored.raw()).isEqualTo(200);
        assertThat(restored.json().get("name").asString()).isEqualTo("clean");
        assertThat(n.admin().get("/v1/organizations/" + org + "/users/" + user).status()).isEqualTo(404);
        assertThat(n.admin().get("/v1/organizations/" + org).status()).isEqualTo(200);
        assertThat(op.post("/operator/v1/snapshots/with-user/restore", null).status()).isEqualTo(200);
        assertThat(n.admin().get("/v1/organizations/" + org + "/users/" + user).json().get("email").asString())
                .isEqualTo("after@example.com");
        // saving under a name again replaces it
        assertThat(op.put("/operator/v1/snapshots/clean", null).status()).isEqualTo(200);
        assertThat(op.get("/operator/v1/snapshots/clean").json().get("rows").asInt()).isEqualTo(second.json().get("rows").asInt());
        assertThat(op.delete("/operator/v1/snapshots/clean").status()).isEqualTo(204);
        Api.Reply gone = op.get("/operator/v1/snapshots/clean");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("message").asString()).contains("clean");
        assertThat(op.post("/operator/v1/snapshots/clean/restore", null).status()).isEqualTo(404);
        assertThat(op.put("/operator/v1/snapshots/..", null).status()).isEqualTo(400);
        assertThat(n.count("state_snapshots")).isEqualTo(1);
    }

    @Test
    void anExportOfTheDemoWithSecretsImportedIntoAnotherServerAnswersTheDemosCredentials() throws Exception {
        Node a = node(newDatabase(), true);
        Node b = node(newDatabase(), false);
        JsonNode demo = a.bootstrap();
        Api.Reply exported = a.operator().get("/operator/v1/state/export?secrets=true");
        assertThat(exported.status()).as(exported.raw()).isEqualTo(200);
        JsonNode doc = exported.json();
        assertThat(doc.get("format").asString()).isEqualTo("secplane-state");
        assertThat(doc.get("secrets").asBoolean()).isTrue();
        assertThat(doc.get("tables").get("signing_keys").size()).isPositive();
        assertThat(doc.get("tables").get("users").get(0).has("password_hash")).isTrue();

        // without secrets: no hashes, digests, refresh tokens or keys
        JsonNode plain = a.operator().get("/operator/v1/state/export").json();
        assertThat(plain.get("secrets").asBoolean()).isFalse();
        assertThat(plain.get("tables").has("signing_keys")).isFalse();
        assertThat(plain.get("tables").has("refresh_tokens")).isFalse();
        assertThat(plain.get("tables").get("users").get(0).has("password_hash")).isFalse();
        assertThat(plain.get("tables").get("api_clients").get(0).has("secret_digest")).isFalse();
        assertThat(plain.get("organizations").size()).isEqualTo(doc.get("organizations").size());

        // into another server (other signing keys), next to its own first organization
        Api.Reply imported = b.operator().post("/operator/v1/state/import", exported.raw());
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        assertThat(imported.json().get("organizations").size()).isEqualTo(doc.get("organizations").size());
        Api demoAdmin = b.anonymous().as(demo.get("accessToken").asString());
        Api.Reply acme = demoAdmin.get("/v1/organizations/" + ACME);
        assertThat(acme.status()).as(acme.raw()).isEqualTo(200);
        assertThat(acme.json().get("name").asString()).isEqualTo(a.admin().get("/v1/organizations/" + ACME).json().get("name").asString());
        iroh(b.anonymous(), demo.get("xdrClientId").asString(), demo.get("xdrClientPassword").asString());
        assertThat(b.admin().get("/v1/organizations/" + b.bootstrap().get("orgId").asString()).status()).isEqualTo(200);
        // the keys it brought verify, and sign nothing here
        List<String> brought = a.jdbc().sql("SELECT kid FROM signing_keys").query(String.class).list();
        assertThat(brought).isNotEmpty();
        assertThat(b.jdbc().sql("SELECT COUNT(*) FROM signing_keys WHERE retired_at IS NOT NULL AND kid IN (:kids)")
                .param("kids", brought).query(Long.class).single()).isEqualTo(brought.size());

        // again: every organization is already there, nothing is written
        long rows = b.count("users");
        Api.Reply clash = b.operator().post("/operator/v1/state/import", exported.raw());
        assertThat(clash.status()).as(clash.raw()).isEqualTo(409);
        assertThat(clash.json().get("message").asString()).contains("organizations").contains(ACME.toString());
        assertThat(b.count("users")).isEqualTo(rows);

        // a plain export imported: the users have no password, the client's secret matches nothing
        Node c = node(newDatabase(), false);
        assertThat(c.operator().post("/operator/v1/state/import", JSON.writeValueAsString(plain)).status()).isEqualTo(200);
        assertThat(c.jdbc().sql("SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL AND org_id = ?").param(ACME)
                .query(Long.class).single()).isZero();
        Api.Reply noSecret = c.anonymous().onHost("visibility.amp.localhost").send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString((demo.get("xdrClientId").asString() + ":"
                        + demo.get("xdrClientPassword").asString()).getBytes())));
        assertThat(noSecret.status()).isEqualTo(401);

        // refused documents: another version, a table that is not state, a column this server lacks
        ObjectNode other = (ObjectNode) JSON.readTree(exported.raw());
        other.put("schemaVersion", "1");
        Api.Reply version = c.operator().post("/operator/v1/state/import", JSON.writeValueAsString(other));
        assertThat(version.status()).isEqualTo(400);
        assertThat(version.json().get("message").asString()).contains("schema version 1");
        ObjectNode column = (ObjectNode) JSON.readTree(exported.raw());
        ((ObjectNode) column.get("tables").get("organizations").get(0)).put("no_such_column", 1);
        assertThat(c.operator().post("/operator/v1/state/import", JSON.writeValueAsString(column)).json().get("message").asString())
                .contains("no_such_column");
    }

    @Test
    void anOrganizationIsExportedWithTheOrganizationsItManages() throws Exception {
        Node a = node(newDatabase(), true);
        Api.Reply one = a.operator().get("/operator/v1/state/export?organization=" + ACME);
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        List<String> orgs = new ArrayList<>();
        one.json().get("organizations").forEach(o -> orgs.add(o.asString()));
        assertThat(orgs).contains(ACME.toString(), ACME_EAST.toString());
        assertThat(orgs.size()).isLessThan((int) a.count("organizations"));
        one.json().get("tables").get("users").forEach(u -> assertThat(orgs).contains(u.get("org_id").asString()));
        assertThat(a.operator().get("/operator/v1/state/export?organization=" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(a.operator().get("/operator/v1/state/export?organization=acme").status()).isEqualTo(400);
        // into a server reset to empty, beside its new first organization
        Node b = node(newDatabase(), false);
        assertThat(b.operator().post("/operator/v1/state/reset", "{}").status()).isEqualTo(200);
        Api.Reply in = b.operator().post("/operator/v1/state/import", one.raw());
        assertThat(in.status()).as(in.raw()).isEqualTo(200);
        assertThat(b.count("organizations")).isEqualTo(orgs.size() + 1);
    }

    @Test
    void requestsDuringAResetSeeTheStateBeforeOrAfterAndFailCleanly() throws Exception {
        Node n = node(newDatabase(), true);
        Api admin = n.admin();
        String path = "/v1/organizations/" + ACME + "/users";
        AtomicBoolean go = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (go.get()) {
                    Api.Reply r = admin.get(path);
                    statuses.add(r.status());
                    if (r.status() != 200 && r.status() != 401) {
                        wrong.add(r.status() + " " + r.raw());
                    }
                    if (r.status() == 200 && r.json().get("users").size() == 0) {
                        wrong.add("an empty list of users: a state half reset");
                    }
                }
            });
            t.start();
            load.add(t);
        }
        Thread.sleep(300);
        for (int i = 0; i < 3; i++) {
            assertThat(n.operator().post("/operator/v1/state/reset", "{\"demo\":true}").status()).isEqualTo(200);
        }
        Thread.sleep(200);
        go.set(false);
        for (Thread t : load) {
            t.join();
        }
        assertThat(wrong).isEmpty();
        assertThat(statuses).contains(200, 401);
    }

    @Test
    void everyTableOfTheSchemaIsStateOrSaidNotToBe() throws Exception {
        Node n = node(newDatabase(), false);
        List<String> unclassified = new ArrayList<>();
        for (String t : n.ctx().getBean(StateRows.class).schemaTables()) {
            if (StateTables.named(t) == null && StateTables.EPHEMERAL.stream().noneMatch(e -> e.equalsIgnoreCase(t))
                    && StateTables.NOT_STATE.stream().noneMatch(e -> e.equalsIgnoreCase(t))) {
                unclassified.add(t);
            }
        }
        assertThat(unclassified).as("tables neither state nor said not to be (StateTables)").isEmpty();
    }

    @Test
    void theCommandLineResetsSavesAndRestoresTheRunningServer() throws Exception {
        Node n = node(newDatabase(), false);
        String dir = "--data-dir=" + n.data();
        String before = n.bootstrap().get("orgId").asString();
        int[] exit = {0};
        assertThat(io.secplane.cli.SecplaneCommand.parse(new String[] {"snapshot", "save", "first", dir}, exit)).isNull();
        assertThat(exit[0]).isZero();
        assertThat(io.secplane.cli.SecplaneCommand.parse(new String[] {"reset", "--demo", dir}, exit)).isNull();
        assertThat(exit[0]).isZero();
        assertThat(n.bootstrap().get("orgId").asString()).isEqualTo(ACME.toString());
        assertThat(n.count("organizations")).isGreaterThan(1);
        Path out = Files.createTempFile("secplane-export-", ".json");
        io.secplane.cli.SecplaneCommand.parse(new String[] {"export", "--secrets", "-o", out.toString(), dir}, exit);
        assertThat(exit[0]).isZero();
        assertThat(JSON.readTree(Files.readString(out)).get("organizations").size()).isEqualTo((int) n.count("organizations"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        io.secplane.cli.SecplaneCommand.parse(new String[] {"snapshot", "restore", "first", dir}, exit);
        assertThat(exit[0]).isZero();
        assertThat(n.count("organizations")).isEqualTo(1);
        assertThat(n.jdbc().sql("SELECT id FROM organizations").query(String.class).single()).isEqualTo(before);
        io.secplane.cli.SecplaneCommand.parse(new String[] {"snapshot", "restore", "none", dir}, exit);
        assertThat(exit[0]).isEqualTo(1);
        io.secplane.cli.SecplaneCommand.parse(new String[] {"reset", "--data-dir=" + Files.createTempDirectory("empty")}, exit);
        assertThat(exit[0]).isEqualTo(1);
    }
}
