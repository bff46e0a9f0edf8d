package io.secplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.products.Products;
import io.secplane.ratelimit.RateLimiter;
import io.secplane.roles.StaticRoles;
import io.secplane.security.AccessTokens;
import io.secplane.support.Api;
import io.secplane.support.RawHttp;
import io.secplane.support.XdrFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each input the first attacker's report found answered with a 500, an HTML page, a Java type name
 * or a stored value that should have been refused: now a 4xx in the host's own shape, and nothing
 * stored.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
public abstract class StrictInputSuite extends ApiTestSupport {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    AccessTokens accessTokens;
    @Autowired
    RateLimiter limiter;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String raw(String method, String target, String host, String... headersAndBody) {
        StringBuilder b = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
        String body = null;
        for (String h : headersAndBody) {
            if (h.startsWith("\n")) {
                body = h.substring(1);
            } else {
                b.append(h).append("\r\n");
            }
        }
        if (body != null) {
            b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        b.append("\r\n");
        if (body != null) {
            b.append(body);
        }
        return b.toString();
    }

    private static void assertSccShape(RawHttp.Reply r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).contains("application/json");
        JsonNode body = r.json();
        assertThat(body).as(r.body()).isNotNull();
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("trackingId").asString()).isNotBlank();
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("<html").doesNotContain("java.");
    }

    @Test
    void badPercentEncodingInQueryAndFormIsA400() {
        for (String q : List.of("%", "%zz", "%ff", "%C0%AF", "%00", "%e2%82")) {
            RawHttp.Reply r = RawHttp.send(port, raw("GET", "/v1/organizations?name=" + q, "localhost",
                    "Authorization: Bearer " + admin.token()));
            assertSccShape(r, 400);
            assertThat(r.json().get("error").asString()).isEqualTo("invalid_request");
            assertThat(r.json().get("message").asString()).containsAnyOf("'%'", "UTF-8", "NUL");
        }
        var key = apiKeys.create(orgA, "percent", null, null, null, List.of(StaticRoles.ORG_ADMIN));
        String refresh = org(orgA) + "/apiKeys/" + key.apiKeyId() + "/token";
        RawHttp.Reply form = RawHttp.send(port, raw("POST", refresh, "localhost", "Authorization: Bearer x",
                "Content-Type: application/x-www-form-urlencoded", "\ngrant_type=%zz"));
        assertSccShape(form, 400);
        // the refresh token of the bootstrap key still works: nothing was used up by the refusal
        assertThat(anonymous.send("POST", refresh, "grant_type=refresh_token", "application/x-www-form-urlencoded",
                List.of("Authorization", "Bearer " + key.refreshToken())).status()).isEqualTo(200);
    }

    @Test
    void editedAndForgedCursorsAre400s() {
        for (int i = 0; i < 3; i++) {
            createOrg("Cursor Org " + i);
        }
        String cursor = admin.get("/v1/organizations?max=1&sortBy=created").json().get("cursor").asString();
        assertThat(admin.get("/v1/organizations?max=1&sortBy=created&cursor=" + cursor).status()).isEqualTo(200);
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(
                raw.replace("created:ASC", "created:ASD").getBytes(StandardCharsets.ISO_8859_1));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("1\u001fcreated:ASC\u001fnot-a-time\u001f" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(edited, forged, "AAAA", "!!", cursor.substring(0, cursor.length() - 2))) {
            JsonNode e = assertError(admin.get("/v1/organizations?max=1&sortBy=created&cursor=" + bad), 400, "invalid_request");
            assertThat(e.get("message").asString()).contains("cursor");
        }
    }

    @Test
    void aChunkedFormOverTheLimitIsA413() {
        StringBuilder chunks = new StringBuilder();
        String piece = "a".repeat(60_000);
        for (int i = 0; i < 20; i++) {
            chunks.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        RawHttp.Reply r = RawHttp.send(port, "POST " + org(orgA) + "/apiKeys/" + adminKeyId + "/token HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\nAuthorization: Bearer x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
        assertSccShape(r, 413);
        RawHttp.Reply iroh = RawHttp.send(port, "POST /iroh/oauth2/token HTTP/1.1\r\n"
                + "Host: visibility.amp.localhost\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
        assertThat(iroh.status()).isEqualTo(413);
        assertThat(iroh.json().get("error").asString()).isEqualTo("payload_too_large");
    }

    @Test
    void whatTomcatAndTheFirewallRefuseIsInTheHostsShape() {
        String auth = "Authorization: Bearer " + "x";
        for (String target : List.of("/v1/organizations%2fabc", "/v1/organizations/%00", "/v1/{}",
                "/v1/organizations/%ff%fe", "/v1/organizations;x=1", "/v1/organizations/./x", "/v1/../v1/organizations",
                "/" + "a".repeat(20_000))) {
            RawHttp.Reply r = RawHttp.send(port, raw("GET", target, "localhost", auth));
            assertThat(r.status()).as(target).isBetween(400, 404);
            assertSccShape(r, r.status());
        }
        assertSccShape(RawHttp.send(port, "GET /v1/organizations HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n"), 400);
        assertSccShape(RawHttp.send(port, raw("GET", "/v1/organizations", "localhost", "X-Big: " + "b".repeat(20_000))), 400);
        assertSccShape(RawHttp.send(port, "GET /v1/organizations/\u00ff HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400);
        // a request whose head is too long to read (a request line that fits the 8 KB limit and pushes the headers
        // over it, or one that does not fit): never the console's page, even on a console's path. When the Host header
        // was read before the limit, the answer is in that host's shape; otherwise the host is unknown: the global one's
        for (String host : List.of("localhost", "visibility.amp.localhost", "api.eu.security.localhost")) {
            for (String path : List.of("/mailbox", "/orgs/" + "a".repeat(8_100))) {
                for (int length : List.of(8_140, 8_150, 8_160, 8_170, 8_175, 20_000)) {
                    String target = path + "?to=" + "b".repeat(length - path.length());
                    RawHttp.Reply r = RawHttp.send(port, raw("GET", target, host));
                    String what = host + " " + path.substring(0, 6) + " " + length;
                    assertThat(r.status()).as(what).isEqualTo(400);
                    assertThat(r.headers().get("content-type")).as(what).isEqualTo("application/json");
                    JsonNode body = r.json();
                    if (body.has("error_description")) {
                        assertThat(host).as(what).startsWith("visibility.");
                        assertThat(body.size()).isEqualTo(2);
                        assertThat(body.get("error").asString()).isEqualTo("invalid_request");
                        assertThat(body.get("error_description").asString()).startsWith("The request is malformed (");
                    } else {
                        assertSccShape(r, 400);
                        assertThat(body.get("message").asString()).as(what).startsWith("The request is malformed (");
                        assertThat(body.get("path").asString()).as(what).isIn(path, "/");
                    }
                }
            }
        }
        // the Secure Endpoint host answers in its v3 envelope
        RawHttp.Reply se = RawHttp.send(port, raw("GET", "/v3/organizations%2fx", "api.amp.localhost"));
        assertThat(se.status()).isEqualTo(400);
        assertThat(se.json().get("errors").get(0).get("error_code").asInt()).isEqualTo(400);
    }

    @Test
    void bodiesAreCheckedAgainstTheContractBeforeAnythingIsStored() {
        UUID id = createOrg("Typed Org");
        for (String bad : List.of("{\"name\": false}", "{\"name\": 12}", "{\"name\": null}", "{\"name\": [\"x\"]}",
                "{\"name\": \"x\", \"regionCode\": \"NAM\"}", "{\"name\": \"x\", \"type\": \"MANAGED\"}",
                "{\"nmae\": \"typo\"}")) {
            JsonNode e = assertError(admin.put(org(id), bad), 400, "validation_failed");
            assertThat(e.get("details").get(0).get("field").asString()).startsWith("/");
        }
        for (String bad : List.of("{\"name\": \"x\", \"name\": \"y\"}", "{\"name\": \"\\ud800\"}", "{\"name\": \"a\\udc00b\"}",
                "{\"name\": \"nul\\u0000\"}", "{\"name\": \"x\"} trailing", "{\"name\": ")) {
            assertError(admin.put(org(id), bad), 400, "invalid_request");
        }
        assertThat(admin.get(org(id)).json().get("name").asString()).isEqualTo("Typed Org");
        String groups = org(orgA) + "/adminGroups";
        JsonNode e = assertError(admin.post(groups, "[]"), 400, "validation_failed");
        assertThat(e.toString()).doesNotContain("io.secplane").doesNotContain("Cannot deserialize").doesNotContain("`");
        assertError(admin.post(groups, "{\"name\":\"g\",\"appliesTo\":1}"), 400, "validation_failed");
    }

    @Test
    void lengthsCountWhatIsStored() {
        String emoji = "\uD83D\uDE00".repeat(255);
        Api.Reply created = admin.post("/v1/organizations",
                "{\"name\":\"" + emoji + "\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(admin.get(org(UUID.fromString(created.json().get("id").asString()))).json().get("name").asString())
                .isEqualTo(emoji);
        String dotted = "\u0130".repeat(255);
        String groups = org(orgA) + "/adminGroups";
        assertThat(admin.post(groups, "{\"name\":\"" + dotted + "\"}").status()).isEqualTo(201);
        assertError(admin.post(groups, "{\"name\":\"" + emoji + "x\"}"), 400, "validation_failed");
        assertError(admin.post("/v1/organizations", "{\"name\":\"" + "n".repeat(256) + "\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}"),
                400, "validation_failed");
    }

    @Test
    void irohBodiesAreTypedAndCredentialsStayOutOfTheUrl() {
        XdrFixtures.Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "admin inspect:read");
        String basic = "Basic " + Base64.getEncoder().encodeToString((t.clientId() + ":" + t.password()).getBytes());
        Api iroh = anonymous.onHost("visibility.amp.localhost");
        Api.Reply inQuery = iroh.send("POST", "/iroh/oauth2/token?client_id=" + t.clientId() + "&client_password=" + t.password(),
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of(), false);
        assertThat(inQuery.status()).isEqualTo(400);
        assertThat(inQuery.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(inQuery.json().get("error_description").asString()).contains("URL");
        String token = iroh.send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                "application/x-www-form-urlencoded", List.of("Authorization", basic)).json().get("access_token").asString();
        Api admin = iroh.as(token);
        for (String bad : List.of("{\"enabled\": \"\"}", "{\"enabled\": -1}", "{\"enabled\": \"false\"}", "{\"name\": false}")) {
            Api.Reply r = admin.send("PATCH", "/iroh/oauth2/clients/" + t.clientId(), bad, "application/json", List.of(), false);
            assertThat(r.status()).as(bad + " -> " + r.raw()).isEqualTo(400);
            assertThat(r.json().propertyNames()).containsExactly("error", "error_description");
        }
        assertThat(admin.get("/iroh/oauth2/clients/" + t.clientId()).json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void aSecureEndpointTokenStopsWhenTheIntegrationIsDisabled() {
        XdrFixtures.Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "inspect:read", "Org One");
        Api se = anonymous.onHost("api.amp.localhost").as(XdrFixtures.seToken(anonymous, t));
        assertThat(se.get("/v3/organizations").status()).isEqualTo(200);
        ctx.getBean(Products.class).setIntegration(t.orgId(), false);
        Api.Reply after = se.get("/v3/organizations");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("errors").get(0).get("details").get(0).asString()).contains("integration");
    }

    @Test
    void aTokenNamingAnotherOrgsChainIsRefused() {
        String payload = new String(Base64.getUrlDecoder().decode(admin.token().split("\\.")[1]), StandardCharsets.UTF_8);
        UUID sidOfA = UUID.fromString(JSON.readTree(payload).get("sid").asString());
        UUID keyOfB = apiKeys.create(orgB, "b", null, null, null, List.of(StaticRoles.ORG_ADMIN)).apiKeyId();
        String forged = accessTokens.issue(orgB, keyOfB, sidOfA, List.of("security:enterprise:admin"));
        assertError(anonymous.as(forged).get(org(orgB)), 401, "invalid_token");
        String forgedForA = accessTokens.issue(orgA, keyOfB, sidOfA, List.of("security:enterprise:admin"));
        assertError(anonymous.as(forgedForA).get(org(orgA)), 401, "invalid_token");
    }

    @Test
    void theHourlyLimitHoldsUnderConcurrency() throws Exception {
        String bucket = "test-concurrency-" + UUID.randomUUID();
        assertThat(allowedConcurrently(32, 20, i -> limiter, bucket, 100)).isEqualTo(100);
    }

    /**
     * Hits a bucket (a day's window, so that a test does not straddle the end of one) from many threads
     * at once, thread i through the limiter {@code limiterOf(i)}; how many hits were allowed.
     */
    private static int allowedConcurrently(int threads, int hitsEach, java.util.function.IntFunction<RateLimiter> limiterOf,
                                           String bucket, long limit) throws Exception {
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                RateLimiter mine = limiterOf.apply(i);
                all.add(pool.submit(() -> {
                    for (int j = 0; j < hitsEach; j++) {
                        if (mine.hit(bucket, limit, java.time.Duration.ofDays(1)).allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return allowed.get();
    }

    @Test
    void twoProcessesShareTheLimitExactly() throws Exception {
        // two limiters on one database stand for two server processes
        String bucket = "test-two-" + UUID.randomUUID();
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        RateLimiter other = new RateLimiter(jdbc, ctx.getBean(org.springframework.transaction.support.TransactionTemplate.class),
                ctx.getBean(javax.sql.DataSource.class), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        try {
            java.time.Duration day = java.time.Duration.ofDays(1);
            assertThat(allowedConcurrently(16, 40, i -> i % 2 == 0 ? limiter : other, bucket, 150)).isEqualTo(150);
            assertThat(jdbc.sql("SELECT hits FROM rate_counters WHERE bucket = ?").param(bucket).query(Long.class).single())
                    .isEqualTo(150);

            // one process takes a lease and goes idle: the other is held back by it for a second at most
            String idle = "test-idle-" + UUID.randomUUID();
            RateLimiter.Outcome first = limiter.hit(idle, 1000, day);
            assertThat(first.allowed()).isTrue();
            assertThat(first.remaining()).isEqualTo(999);
            int busy = 0;
            for (int i = 0; i < 1000; i++) {
                busy += other.hit(idle, 1000, day).allowed() ? 1 : 0;
            }
            assertThat(busy).as("the busy process never takes what the idle one holds").isBetween(969, 999);
            Thread.sleep(RateLimiter.LEASE_TTL.toMillis() * 2);
            for (int i = 0; i < 100; i++) {
                busy += other.hit(idle, 1000, day).allowed() ? 1 : 0;
            }
            assertThat(busy).as("given back after its second, then spent by the other: exactly the limit in all").isEqualTo(999);
            assertThat(other.hit(idle, 1000, day).remaining()).isZero();
        } finally {
            other.stop();
        }
    }

    private UUID createOrg(String name) {
        Api.Reply r = admin.post("/v1/organizations", "{\"name\":\"" + name + "\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return UUID.fromString(r.json().get("id").asString());
    }

    /** Issue 21, item 4: integers in exponent form beyond 64 bits are a 400 naming the field, never a 500. */
    @Test
    void integersInExponentFormBeyond64BitsAreA400NamingTheField() {
        for (String n : List.of("1e19", "1e308", "-1e308", "1E19")) {
            for (String body : List.of("{\"products\":[{\"id\":\"xdr\",\"quantity\":" + n + "}],\"regions\":[\"NAM\"]}",
                    "{\"products\":[{\"id\":\"xdr\",\"quantity\":1}],\"regions\":[\"NAM\"],\"validDays\":" + n + "}")) {
                JsonNode e = assertError(operator.post("/operator/v1/claim-codes", body), 400, "validation_failed");
                assertThat(e.toString()).as(body).containsAnyOf("quantity", "validDays");
            }
            JsonNode e = assertError(admin.send("PATCH", org(orgA) + "/subscriptions/" + java.util.UUID.randomUUID(),
                    "{\"managedOrgId\":\"" + orgB + "\",\"entitlements\":[{\"id\":\"devices\",\"quantity\":" + n + "}]}",
                    "application/json", List.of()), 400, "validation_failed");
            assertThat(e.toString()).contains("quantity");
        }
        // within 64 bits but past the contract's maximum: the same answer
        assertThat(assertError(operator.post("/operator/v1/claim-codes", "{\"products\":[{\"id\":\"xdr\",\"quantity\":1}],"
                + "\"regions\":[\"NAM\"],\"validDays\":1e4}"), 400, "validation_failed").toString()).contains("validDays");
    }

    /** Issue 21, item 4: a body shorter than its Content-Length, the client then half-closing: a 400 in the host's shape. */
    @Test
    void aBodyCutShortIsA400() {
        for (String target : List.of(org(orgA) + "/adminGroups", "/v1/organizations")) {
            String head = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
                    + admin.token() + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":\"cut";
            RawHttp.Reply r = RawHttp.sendAndHalfClose(port, head.getBytes(StandardCharsets.UTF_8));
            assertSccShape(r, 400);
            assertThat(r.json().get("message").asString()).contains("body");
        }
    }

    /** Issue 21, item 4: request lines of other HTTP versions are a 505 in the host's shape, logged at most as a warning. */
    @Test
    void otherHttpVersionsAreA505(org.springframework.boot.test.system.CapturedOutput output) {
        for (String version : List.of("HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3")) {
            RawHttp.Reply r = RawHttp.send(port, "GET /v1/organizations " + version + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertSccShape(r, 505);
            assertThat(r.json().get("message").asString()).contains("HTTP/1.1");
            RawHttp.Reply xdr = RawHttp.send(port, "POST /iroh/oauth2/token " + version + "\r\nHost: visibility.amp.localhost\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(xdr.status()).isEqualTo(505);
            assertThat(xdr.json().get("error").asString()).isNotBlank();
            assertThat(xdr.json().get("error_description").asString()).contains("HTTP/1.1");
        }
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }
}
