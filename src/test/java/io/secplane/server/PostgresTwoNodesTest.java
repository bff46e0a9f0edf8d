package io.secplane.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.context.ConfigurableApplicationContext;

import io.secplane.SecplaneApplication;
import io.secplane.apikeys.ApiKeyService;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import io.secplane.support.EmbeddedPostgres;
import io.secplane.users.UserRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two server processes' worth of server (two application contexts, each with its own caches and
 * connection pool) on one PostgreSQL database: what one issues the other accepts, and what one
 * stops the other stops within the one second the access cache may remember.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresTwoNodesTest {

    /** The IROH limit of both nodes here, small enough that the test passes it from both sides. */
    private static final int IROH_LIMIT = 60;

    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private Api nodeA;
    private Api nodeB;
    private UUID org;
    private String adminToken;

    @BeforeAll
    void start() throws Exception {
        String url = EmbeddedPostgres.get().newDatabase();
        a = node(url);
        b = node(url);
        JsonNode boot = JsonMapper.builder().build().readTree(Files.readString(
                Path.of(a.getEnvironment().getProperty("secplane.data-dir")).resolve("bootstrap.json")));
        org = UUID.fromString(boot.get("orgId").asString());
        adminToken = boot.get("accessToken").asString();
        nodeA = new Api("http://127.0.0.1:" + port(a));
        nodeB = new Api("http://127.0.0.1:" + port(b));
    }

    private static ConfigurableApplicationContext node(String url) throws Exception {
        Path data = Files.createTempDirectory("secplane-node-");
        return SpringApplication.run(SecplaneApplication.class, SecplaneApplication.translateArguments(new String[] {
                "--data-dir=" + data, "--management.server.port=0", "--server.port=0", "--secplane.https.enabled=false", "--secplane.http.enabled=false",
                "--database-url=" + url, "--database-user=postgres",
                "--secplane.rate-limits.iroh-per-org-per-hour=" + IROH_LIMIT}));
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    void stop() {
        b.close();
        a.close();
    }

    /** Milliseconds until a request on a node is refused with 401, polling; -1 if it never is within 3 s. */
    private static long untilRefused(Api api, String path) throws InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 3_000_000_000L) {
            if (api.get(path).status() == 401) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(20);
        }
        return -1;
    }

    @Test
    void aTokenOfOneNodeWorksOnTheOtherAndWhatOneStopsTheOtherStopsWithinASecond() throws Exception {
        String orgPath = "/v1/organizations/" + org;
        assertThat(nodeB.as(adminToken).get(orgPath).status()).isEqualTo(200);
        // a key made through node A, used on node B, disabled through node A
        JsonNode made = nodeA.as(adminToken).post(orgPath + "/apiKeys", "{\"name\":\"two nodes\",\"roles\":[\""
                + StaticRoles.ORG_MEMBER + "\"]}").json();
        Api key = nodeB.as(made.get("access_token").asString());
        assertThat(key.get(orgPath).status()).isEqualTo(200);
        nodeA.as(adminToken).put(orgPath + "/apiKeys/" + made.get("apiKey").get("id").asString(), "{\"enabled\":false}");
        long disabled = untilRefused(key, orgPath);
        System.out.println("two nodes: a key disabled on A stopped on B after " + disabled + " ms");
        assertThat(disabled).isBetween(0L, 1_500L);

        // a user suspended through node A: their key stops on node B
        UUID user = UUID.randomUUID();
        a.getBean(UserRepository.class).insert(user, org, "two-nodes-" + user + "@example.com", "Two", "Nodes", "ACTIVE", null,
                List.of(StaticRoles.ORG_ADMIN));
        Api usersKey = nodeB.as(a.getBean(ApiKeyService.class).create(org, "k", null, null, user,
                List.of(StaticRoles.ORG_ADMIN)).accessToken());
        assertThat(usersKey.get(orgPath).status()).isEqualTo(200);
        nodeA.as(adminToken).send("PATCH", orgPath + "/users", "{\"email\":\"two-nodes-" + user + "@example.com\","
                + "\"operation\":\"disable\"}", "application/json", List.of());
        long suspended = untilRefused(usersKey, orgPath);
        System.out.println("two nodes: a user suspended on A stopped on B after " + suspended + " ms");
        assertThat(suspended).isBetween(0L, 1_500L);

        // a role removed through node A: the next write on node B is refused within the second
        UUID writer = UUID.randomUUID();
        a.getBean(UserRepository.class).insert(writer, org, "writer-" + writer + "@example.com", "W", "R", "ACTIVE", null,
                List.of(StaticRoles.ORG_ADMIN, StaticRoles.ORG_MEMBER));
        Api writersKey = nodeB.as(a.getBean(ApiKeyService.class).create(org, "w", null, null, writer,
                List.of(StaticRoles.ORG_ADMIN)).accessToken());
        assertThat(writersKey.put(orgPath, "{}").status()).isEqualTo(200);
        nodeA.as(adminToken).send("PATCH", orgPath + "/roles/" + StaticRoles.ORG_ADMIN, "{\"users\":[{\"operation\":\"remove\","
                + "\"id\":\"" + writer + "\"}]}", "application/json", List.of());
        long t0 = System.nanoTime();
        while (writersKey.put(orgPath, "{}").status() == 200 && System.nanoTime() - t0 < 3_000_000_000L) {
            Thread.sleep(20);
        }
        long narrowed = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("two nodes: a role removed on A narrowed the key on B after " + narrowed + " ms");
        assertThat(writersKey.put(orgPath, "{}").status()).isEqualTo(403);
        assertThat(narrowed).isLessThanOrEqualTo(1_500L);
    }

    @Test
    void aConsoleSessionOpenedOnOneNodeWorksOnTheOtherAndEndsOnBoth() throws Exception {
        UUID user = UUID.randomUUID();
        String email = "console-nodes-" + user + "@example.com";
        a.getBean(UserRepository.class).insert(user, org, email, "Two", "Nodes", "ACTIVE",
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("a password for two nodes"),
                List.of(StaticRoles.ORG_ADMIN));
        io.secplane.support.ConsoleSession onA = new io.secplane.support.ConsoleSession("http://127.0.0.1:" + port(a));
        assertThat(onA.signIn(email, "a password for two nodes").location()).isEqualTo("/orgs/" + org);
        // the same cookie on node B: the session is in the database
        io.secplane.support.ConsoleSession onB = new io.secplane.support.ConsoleSession("http://127.0.0.1:" + port(b))
                .withCookie(onA.cookie());
        var users = onB.get("/orgs/" + org + "/users");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body()).contains(email);
        // a form posted on B with the token of the page B showed
        var role = onB.post("/orgs/" + org + "/roles", java.util.Map.of("displayName", "made on B " + user));
        assertThat(role.status()).isEqualTo(303);
        // suspended through node A's API: the session ends on node B at its next click
        nodeA.as(adminToken).send("PATCH", "/v1/organizations/" + org + "/users", "{\"email\":\"" + email + "\","
                + "\"operation\":\"disable\"}", "application/json", List.of());
        assertThat(onB.get("/orgs/" + org + "/users").location()).isEqualTo("/login");
    }

    @Test
    void theIrohRateLimitIsSharedExactlyByBothNodes() throws Exception {
        io.secplane.support.XdrFixtures.Tenant t = io.secplane.support.XdrFixtures.tenant(a, "NAM", true, true, "inspect:read");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((t.clientId() + ":" + t.password()).getBytes());
        String host = io.secplane.support.XdrFixtures.irohHost("NAM");
        java.util.Map<Integer, java.util.concurrent.atomic.AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<Long> remainingSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Api node = (i % 2 == 0 ? nodeA : nodeB).onHost(host);
                all.add(pool.submit(() -> {
                    for (int j = 0; j < 15; j++) {
                        Api.Reply r = node.send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                                "application/x-www-form-urlencoded", List.of("Authorization", basic));
                        statuses.computeIfAbsent(r.status(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                        if (r.status() == 200) {
                            remainingSeen.add(Long.parseLong(r.header("X-Ratelimit-Org-Remaining")));
                        } else {
                            assertThat(r.status()).as(r.raw()).isEqualTo(429);
                            assertThat(r.json().get("error").asString()).isEqualTo("too_many_requests");
                            assertThat(r.header("Retry-After")).isNotBlank();
                        }
                    }
                    return null;
                }));
            }
            for (var f : all) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("two nodes: IROH token requests past the limit of " + IROH_LIMIT + ": " + statuses);
        assertThat(statuses.get(200).get()).as("tokens issued by both nodes together").isEqualTo(IROH_LIMIT);
        assertThat(statuses.get(429).get()).isEqualTo(120 - IROH_LIMIT);
        assertThat(remainingSeen).as("the remaining count each token answer gave").allMatch(r -> r >= 0 && r < IROH_LIMIT);
        long stored = a.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT hits FROM rate_counters WHERE bucket = ?").param("iroh-org:" + t.orgId()).query(Long.class).single();
        assertThat(stored).isEqualTo(IROH_LIMIT);
    }
}
