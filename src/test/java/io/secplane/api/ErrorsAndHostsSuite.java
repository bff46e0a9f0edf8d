package io.secplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.HostKind;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/** The error shapes of every family, the hosts, 501s for what is not built, and the served contract. */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
public abstract class ErrorsAndHostsSuite extends ApiTestSupport {

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void metricsAreOnTheManagementPortOnlyInPrometheusFormat() {
        assertThat(admin.get(org(orgA)).status()).isEqualTo(200);
        Api.Reply scrape = new Api("http://127.0.0.1:" + managementPort).send("GET", "/actuator/prometheus", null, null,
                List.of(), false);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.raw()).containsPattern("secplane_requests_seconds_count\\{[^}]*api=\"scc\",[^}]*"
                        + "operation=\"getOrganization\",status=\"200\"\\} [1-9]")
                .doesNotContain("http_server_requests").contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections")
                .containsPattern("secplane_tokens_issued_total\\{[^}]*kind=\"scc\"[^}]*\\} [1-9]");
        // a refusal of a rate limit is counted under its kind
        ctx.getBean(io.secplane.ratelimit.RateLimiter.class).hit("metrics-test:" + java.util.UUID.randomUUID(), 0,
                java.time.Duration.ofHours(1));
        assertThat(new Api("http://127.0.0.1:" + managementPort).send("GET", "/actuator/prometheus", null, null, List.of(), false).raw())
                .containsPattern("secplane_ratelimit_refusals_total\\{[^}]*limit=\"metrics-test\"[^}]*\\} 1");
        // the probes there say what they checked
        Api.Reply ready = new Api("http://127.0.0.1:" + managementPort).send("GET", "/actuator/health/readiness", null, null, List.of(), false);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().at("/components/migrations/status").asString()).isEqualTo("UP");
        assertThat(ready.json().at("/components/readinessState/status").asString()).isEqualTo("UP");
        assertThat(new Api("http://127.0.0.1:" + managementPort).send("GET", "/actuator/health/liveness", null, null, List.of(), false).json()
                .get("status").asString()).isEqualTo("UP");
        // not on the API's port: a 404 in the API's shape (not a path of the contract: the raw answer)
        Api.Reply onApi = admin.send("GET", "/actuator/prometheus", null, null, List.of(), false);
        assertThat(onApi.status()).isEqualTo(404);
        assertThat(onApi.json().get("error").asString()).isEqualTo("not_found");
    }

    /**
     * A conditional request (which no operation honours) answers exactly what the same request
     * without the condition answers: the same status, headers and body, for answers and for errors of
     * every kind. (Until there was one request path, the plain request went a lean way of its own.)
     */
    @Test
    void aConditionalReadAnswersAsAPlainOne() {
        UUID user = newUser(orgA, "lean");
        UUID stranger = newUser(orgB, "stranger");
        record Case(Api api, String path, int status) {
        }
        List<Case> cases = List.of(
                new Case(admin, org(orgA), 200),
                new Case(admin, org(orgA) + "/users/" + user, 200),
                new Case(member, org(orgA) + "/users/" + user, 200),
                new Case(admin, org(orgA) + "/users?max=1&status=ACTIVE", 200),
                new Case(anonymous, "/.well-known/jwks.json", 200),
                new Case(admin, org(orgB) + "/users/" + stranger, 404),
                new Case(admin, org(orgA) + "/users/" + stranger, 404),
                new Case(admin, org(orgA) + "/users/not-a-uuid", 400),
                new Case(admin, org(orgA) + "/users?max=many", 400),
                new Case(admin, org(orgA) + "/users?max=0", 400),
                new Case(admin, org(orgA) + "/users?groupId=not-a-uuid", 400),
                new Case(anonymous, org(orgA), 401),
                new Case(anonymous.as("e30.e30.e30"), org(orgA), 401));
        for (Case c : cases) {
            Api.Reply plain = c.api().send("GET", c.path(), null, null, List.of(), false);
            Api.Reply conditional = c.api().send("GET", c.path(), null, null, List.of("If-None-Match", "\"x\""), false);
            assertThat(plain.status()).as("plain %s: %s", c.path(), plain.raw()).isEqualTo(c.status());
            assertThat(conditional.status()).as("conditional %s: %s", c.path(), conditional.raw()).isEqualTo(c.status());
            assertThat(comparable(plain.headers())).as("headers of %s", c.path()).isEqualTo(comparable(conditional.headers()));
            assertThat(withoutPerRequest(plain)).as("body of %s", c.path()).isEqualTo(withoutPerRequest(conditional));
        }
    }

    /**
     * Writes and token requests too: a plain request and a conditional one answer the same status and
     * headers, the same body for a refusal, a body of the same fields for a success.
     */
    @Test
    void conditionalWritesAndTokenRequestsAnswerAsPlainOnes() {
        io.secplane.support.XdrFixtures.Tenant t = io.secplane.support.XdrFixtures.tenant(ctx, "NAM", true, true, "admin inspect:read");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((t.clientId() + ":" + t.password()).getBytes());
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString((t.clientId() + ":nope").getBytes());
        Api iroh = anonymous.onHost("visibility.amp.localhost");
        String form = "application/x-www-form-urlencoded";
        record Write(Api api, String method, String path, java.util.function.IntFunction<String> body, String type,
                     List<String> headers, int status) {
        }
        List<Write> writes = List.of(
                new Write(iroh, "POST", "/iroh/oauth2/token", i -> "grant_type=client_credentials", form,
                        List.of("Authorization", basic), 200),
                new Write(iroh, "POST", "/iroh/oauth2/token", i -> "grant_type=client_credentials", form,
                        List.of("Authorization", wrong), 401),
                new Write(iroh, "POST", "/iroh/oauth2/token", i -> "grant_type=password", form,
                        List.of("Authorization", basic), 400),
                new Write(admin, "POST", "/v1/organizations",
                        i -> "{\"name\":\"Lean " + i + "\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}",
                        "application/json", List.of(), 201),
                new Write(admin, "POST", "/v1/organizations", i -> "{\"name\":false}", "application/json", List.of(), 400),
                new Write(admin, "POST", "/v1/organizations", i -> "{\"name\":", "application/json", List.of(), 400),
                new Write(member, "POST", "/v1/organizations",
                        i -> "{\"name\":\"Nope " + i + "\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}",
                        "application/json", List.of(), 403));
        // the XDR and Secure Endpoint hosts' reads, their tokens checked by their own services
        String irohToken = iroh.send("POST", "/iroh/oauth2/token", "grant_type=client_credentials", form,
                List.of("Authorization", basic), false).json().get("access_token").asString();
        Api se = anonymous.onHost("api.amp.localhost").as(io.secplane.support.XdrFixtures.seToken(anonymous, t));
        for (var read : List.of(java.util.Map.entry(iroh.as(irohToken), "/iroh/oauth2/clients/" + t.clientId()),
                java.util.Map.entry(se, "/v3/organizations"))) {
            Api.Reply plain = read.getKey().send("GET", read.getValue(), null, null, List.of(), false);
            Api.Reply conditional = read.getKey().send("GET", read.getValue(), null, null, List.of("If-None-Match", "\"x\""), false);
            assertThat(plain.status()).as("plain %s: %s", read.getValue(), plain.raw()).isEqualTo(200);
            var plainHeaders = comparable(plain.headers());
            var conditionalHeaders = comparable(conditional.headers());
            for (String differs : List.of("x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-resetdate")) {
                plainHeaders.remove(differs);
                conditionalHeaders.remove(differs);
            }
            assertThat(plainHeaders).as("headers of %s", read.getValue()).isEqualTo(conditionalHeaders);
            assertThat(withoutPerRequest(plain)).as("body of %s", read.getValue()).isEqualTo(withoutPerRequest(conditional));
        }
        for (Write w : writes) {
            List<String> ifMatch = new java.util.ArrayList<>(w.headers());
            ifMatch.addAll(List.of("If-Match", "*"));
            Api.Reply plain = w.api().send(w.method(), w.path(), w.body().apply(1), w.type(), w.headers(), false);
            Api.Reply conditional = w.api().send(w.method(), w.path(), w.body().apply(2), w.type(), ifMatch, false);
            assertThat(plain.status()).as("plain %s: %s", w.path(), plain.raw()).isEqualTo(w.status());
            assertThat(conditional.status()).as("conditional %s: %s", w.path(), conditional.raw()).isEqualTo(w.status());
            var plainHeaders = comparable(plain.headers());
            var conditionalHeaders = comparable(conditional.headers());
            assertThat(plainHeaders.keySet()).as("headers of %s", w.path()).isEqualTo(conditionalHeaders.keySet());
            // where the new organization is, and what is left of the hour's token limit, differ by design
            for (String differs : List.of("location", "x-ratelimit-org-remaining")) {
                plainHeaders.remove(differs);
                conditionalHeaders.remove(differs);
            }
            assertThat(plainHeaders).as("headers of %s", w.path()).isEqualTo(conditionalHeaders);
            if (w.status() < 300) {
                assertThat(plain.json().propertyNames()).as("fields of %s", w.path())
                        .containsExactlyInAnyOrderElementsOf(conditional.json().propertyNames());
            } else {
                assertThat(withoutPerRequest(plain)).as("body of %s", w.path()).isEqualTo(withoutPerRequest(conditional));
            }
        }
    }

    private static java.util.Map<String, List<String>> comparable(java.util.Map<String, List<String>> headers) {
        java.util.Map<String, List<String>> kept = new java.util.TreeMap<>();
        headers.forEach((name, values) -> {
            if (name != null && !List.of("date", "content-length", "transfer-encoding", "keep-alive", "connection")
                    .contains(name.toLowerCase(java.util.Locale.ROOT))) {
                kept.put(name.toLowerCase(java.util.Locale.ROOT), values);
            }
        });
        return kept;
    }

    private static String withoutPerRequest(Api.Reply reply) {
        if (reply.json() == null) {
            return reply.raw();
        }
        if (reply.json() instanceof tools.jackson.databind.node.ObjectNode o) {
            o.remove(List.of("trackingId", "timestamp"));
        }
        return reply.json().toString();
    }

    /**
     * An id in the path is read as Spring's own converter reads it (contract/UuidPathVariables does
     * it without a binder): trimmed, in either case; anything else is refused with the name and the
     * text, a blank one as blank.
     */
    @Test
    void idsInThePathAreReadAsSpringReadsThem() {
        UUID user = newUser(orgA, "path-ids");
        Api.Reply plain = admin.get(org(orgA) + "/users/" + user);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().get("id").asString()).isEqualTo(user.toString());
        for (String same : List.of("%20" + user + "%20", user.toString().toUpperCase())) {
            Api.Reply r = admin.get(org(orgA) + "/users/" + same);
            assertThat(r.status()).as(same).isEqualTo(200);
            assertThat(r.json()).as(same).isEqualTo(plain.json());
        }
        JsonNode bad = assertError(admin.get(org(orgA) + "/users/not-a-uuid"), 400, "validation_failed");
        assertThat(bad.get("message").asString()).isEqualTo("'userId' must be a UUID, got 'not-a-uuid'.");
        assertThat(bad.get("details").get(0).get("field").asString()).isEqualTo("userId");
        assertThat(bad.get("details").get(0).get("message").asString()).isEqualTo("must be a UUID");
        JsonNode longBad = assertError(admin.get(org(orgA) + "/users/" + "x".repeat(100)), 400, "validation_failed");
        assertThat(longBad.get("message").asString()).isEqualTo("'userId' must be a UUID, got '" + "x".repeat(64) + "...'.");
        JsonNode blank = assertError(admin.get(org(orgA) + "/users/%20"), 400, "validation_failed");
        assertThat(blank.get("message").asString()).isEqualTo("'userId' in the path must not be blank.");
        assertThat(blank.get("details").get(0).get("field").asString()).isEqualTo("userId");
        // the organization in the path is read the same way by the authorizer, before the handler
        Api.Reply own = admin.get(org(orgA));
        assertThat(admin.get("/v1/organizations/%20" + orgA + "%20").json()).isEqualTo(own.json());
        assertThat(assertError(admin.get("/v1/organizations/not-a-uuid"), 400, "validation_failed")
                .get("message").asString()).isEqualTo("'orgId' must be a UUID, got 'not-a-uuid'.");
        assertThat(assertError(admin.get("/v1/organizations/%20/users"), 400, "validation_failed")
                .get("message").asString()).isEqualTo("'orgId' in the path must not be blank.");
        // a write names its target the same way, and is refused before it changes anything
        JsonNode refused = assertError(admin.send("DELETE", org(orgA) + "/apiKeys/not-a-uuid", null, "application/json",
                List.of(), false), 400, "validation_failed");
        assertThat(refused.get("message").asString()).isEqualTo("'apiKeyId' must be a UUID, got 'not-a-uuid'.");
        assertThat(admin.get(org(orgA) + "/users/" + user).status()).isEqualTo(200);
    }

    @Test
    void genericHttpErrorsUseTheSccShape() {
        assertError(admin.send("GET", "/v1/nothing-here", null, "application/json", List.of(), false), 404, "not_found");
        Api.Reply m = admin.send("DELETE", org(orgA), null, "application/json", List.of(), false);
        assertError(m, 405, "method_not_allowed");
        assertThat(m.header("Allow")).contains("GET").contains("PUT");
        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        assertError(admin.post("/v1/organizations", big), 413, "payload_too_large");
        // the global host does not serve the regional hosts' objects
        JsonNode a = assertError(admin.send("GET", org(orgA) + "/objects", null, "application/json", List.of(), false),
                404, "not_found");
        JsonNode b = assertError(admin.send("GET", org(orgA) + "/objects", null, "application/json", List.of(), false),
                404, "not_found");
        assertThat(a.get("trackingId").asString()).isNotEqualTo(b.get("trackingId").asString());
        // the literal claimInfo is routed before {subscriptionId}
        assertError(admin.post(org(orgA) + "/subscriptions/claimInfo", "{\"claimCode\":\"X\"}"), 404, "not_found");
    }

    @Test
    void theTrackingIdOfAnErrorIsInTheServerLog(org.springframework.boot.test.system.CapturedOutput output) {
        JsonNode e = assertError(admin.get(org(java.util.UUID.randomUUID())), 404, "not_found");
        assertThat(output.getAll()).contains("trackingId=" + e.get("trackingId").asString());
    }

    /** Walks the contracts: every operation marked planned answers 501 in its host's shape, naming itself. */
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext ctx;

    @Test
    void everyContractOperationNotBuiltAnswers501() {
        int checked = 0;
        io.secplane.support.XdrFixtures.Tenant se = io.secplane.support.XdrFixtures.tenant(ctx, "NAM", true, true, "inspect:read", "Org");
        Api seApi = anonymous.as(io.secplane.support.XdrFixtures.seToken(anonymous, se));
        for (ContractCatalog.Operation op : new ContractCatalog().operations()) {
            if (!op.planned()) {
                continue;
            }
            String path = op.path().replace("{orgId}", orgA.toString()).replaceAll("\\{[^}]+\\}", UUID.randomUUID().toString());
            HostKind kind = op.hosts().iterator().next();
            String host = switch (kind) {
                case SCC_GLOBAL -> "api.security.localhost";
                case SCC_REGIONAL -> "api.eu.security.localhost";
                case XDR -> "visibility.amp.localhost";
                case SECURE_ENDPOINT -> "api.amp.localhost";
            };
            String body = op.method().equals("GET") || op.method().equals("DELETE") ? null : "{}";
            Api caller = kind == HostKind.SECURE_ENDPOINT ? seApi : admin;
            Api.Reply r = caller.onHost(host).send(op.method(), path, body, "application/json", List.of());
            assertThat(r.status()).as("%s %s on %s: %s", op.method(), path, host, r.raw()).isEqualTo(501);
            String message = kind == HostKind.SECURE_ENDPOINT
                    ? r.json().get("errors").get(0).get("details").get(0).asString()
                    : assertError(r, 501, "not_implemented").get("message").asString();
            assertThat(message).contains(op.operationId()).contains("not built yet");
            checked++;
        }
        // the shipped contracts have fewer planned operations as they are built (none, one day): the
        // mechanism itself is checked with a contract fixture (H2PlannedOperationTest)
        assertThat(checked).as("planned operations in the contracts").isEqualTo((int) new ContractCatalog().operations()
                .stream().filter(ContractCatalog.Operation::planned).count());
    }

    @Test
    void healthAnswersOnEveryHost() {
        for (String host : List.of("api.security.localhost", "api.eu.security.localhost", "visibility.amp.localhost",
                "api.amp.localhost")) {
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                Api.Reply r = anonymous.onHost(host).send("GET", path, null, null, List.of(), false);
                assertThat(r.status()).as(host + path).isEqualTo(200);
                assertThat(r.json().get("status").asString()).isEqualTo("UP");
            }
        }
    }

    @Test
    void getsWithAJsonContentTypeAndNoBodyAreAccepted() {
        Api.Reply r = admin.send("GET", org(orgA), null, "application/json", List.of("Accept", "application/json"));
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void theSccApiLivesOnTheGlobalHostOnly() {
        assertThat(admin.onHost("api.security.localhost").get(org(orgA)).status()).isEqualTo(200);
        assertThat(admin.onHost("api.security.cisco.com:443").get(org(orgA)).status()).isEqualTo(200);
        assertThat(admin.onHost("localhost:8080").get(org(orgA)).status()).isEqualTo(200);
        Api.Reply regional = admin.onHost("api.eu.security.localhost")
                .send("GET", org(orgA), null, "application/json", List.of(), false);
        assertError(regional, 404, "not_found");
        assertThat(regional.json().get("message").asString()).contains("api.eu.security.localhost");
        // the regional hosts serve common objects, each org's on its own region's host
        assertThat(assertError(admin.onHost("api.eu.security.localhost")
                .send("GET", org(orgA) + "/objects", null, "application/json", List.of(), false), 404, "not_found")
                .get("message").asString()).contains("region NAM");
    }

    @Test
    void xdrAndSecureEndpointHostsAnswerInTheirOwnShapes() {
        Api.Reply iroh = anonymous.onHost("visibility.amp.localhost").send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of(), false);
        assertThat(iroh.status()).isEqualTo(401);
        assertThat(iroh.json().propertyNames()).containsExactly("error", "error_description");
        assertThat(iroh.json().get("error").asString()).isEqualTo("invalid_client");
        Api.Reply irohMissing = anonymous.onHost("visibility.eu.amp.localhost")
                .send("GET", "/v1/organizations", null, null, List.of(), false);
        assertThat(irohMissing.status()).isEqualTo(404);
        assertThat(irohMissing.json().get("error").asString()).isEqualTo("not_found");
        Api.Reply se = anonymous.onHost("api.amp.localhost").send("GET", "/v3/organizations?size=10", null, null, List.of(), false);
        assertThat(se.status()).isEqualTo(401);
        assertThat(se.json().get("errors").get(0).get("error_code").asInt()).isEqualTo(401);
        assertThat(se.json().get("errors").get(0).get("details").get(0).asString()).contains("No access token");
        assertThat(anonymous.send("GET", "/.well-known/jwks", null, null, List.of(), false).status()).isEqualTo(404);
        assertThat(anonymous.onHost("visibility.amp.localhost").send("GET", "/.well-known/jwks.json", null, null, List.of(), false)
                .status()).isEqualTo(404);
        Api.Reply seMissing = anonymous.onHost("api.apjc.amp.localhost").send("GET", "/v1/organizations", null, null, List.of(), false);
        assertThat(seMissing.status()).isEqualTo(404);
        assertThat(seMissing.json().get("errors").get(0).get("error_code").asInt()).isEqualTo(404);
    }

    @Test
    void theContractIsServedAsWritten() throws Exception {
        Api.Reply yaml = anonymous.send("GET", "/v1/openapi.yaml", null, null, List.of(), false);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.raw()).isEqualTo(Files.readString(Path.of("contract/scc-platform.openapi.yaml")));
        Api.Reply docs = anonymous.send("GET", "/v1/docs", null, null, List.of(), false);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.raw()).contains("swagger-ui-bundle.js").contains("/v1/openapi.yaml");
        String script = docs.raw().replaceAll("(?s).*src=\"([^\"]+swagger-ui-bundle.js)\".*", "$1");
        assertThat(anonymous.send("GET", script, null, null, List.of(), false).status()).isEqualTo(200);
    }

    /**
     * Issue 21, item 1: a statement a request runs is cut off at the limit
     * ({@code secplane.database.statement-timeout}, 5 s), on H2 and PostgreSQL; the failure is the
     * 503 of the API's shape and the connection goes back to the pool. Statements outside requests
     * (here: no tracking id) have no limit left on the connection.
     */
    @Test
    void aRequestsStatementIsCutOffAtTheLimit() {
        javax.sql.DataSource ds = ctx.getBean(javax.sql.DataSource.class);
        var jdbc = ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        boolean postgres = ctx.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql");
        String slow = postgres ? "SELECT COUNT(*) FROM (SELECT pg_sleep(30)) s"
                : "SELECT MAX(a.X + b.X) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b";
        var pool = (com.zaxxer.hikari.HikariDataSource) ((org.springframework.jdbc.datasource.DelegatingDataSource) ds).getTargetDataSource();
        org.slf4j.MDC.put(io.secplane.web.RequestContext.TRACKING_ID, "statement-limit-test");
        long started = System.nanoTime();
        Throwable failure;
        try {
            jdbc.sql(slow).query(Long.class).single();
            failure = null;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            org.slf4j.MDC.remove(io.secplane.web.RequestContext.TRACKING_ID);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(failure).as("the slow statement must be cut off").isNotNull();
        assertThat(seconds).isBetween(4L, 15L);
        io.secplane.web.ApiException answer = io.secplane.web.Unavailable.of(failure);
        assertThat(answer).as("%s", failure).isNotNull();
        assertThat(answer.code()).isEqualTo(io.secplane.web.ErrorCode.UNAVAILABLE);
        assertThat(answer.getMessage()).contains("time limit");
        // the connection is back in the pool (a background job may hold one for a moment: waited for),
        // and a statement outside a request has no limit left on it
        long t0 = System.nanoTime();
        while (pool.getHikariPoolMXBean().getActiveConnections() > 0 && System.nanoTime() - t0 < 2_000_000_000L) {
            Thread.onSpinWait();
        }
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        assertThat(admin.get(org(orgA)).status()).isEqualTo(200);
    }
}
