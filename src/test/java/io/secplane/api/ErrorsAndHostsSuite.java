package io.secplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/** The error shapes of every family, the hosts, 501s for what is not built, and the served contract. */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
public abstract class ErrorsAndHostsSuite extends ApiTestSupport {

    @Test
    void genericHttpErrorsUseTheSccShape() {
        assertError(admin.send("GET", "/v1/nothing-here", null, "application/json", List.of(), false), 404, "not_found");
        Api.Reply m = admin.send("DELETE", org(orgA), null, "application/json", List.of(), false);
        assertError(m, 405, "method_not_allowed");
        assertThat(m.header("Allow")).contains("GET").contains("PUT");
        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        assertError(admin.post("/v1/organizations", big), 413, "payload_too_large");
        JsonNode a = assertError(admin.get(org(orgA) + "/users"), 501, "not_implemented");
        assertThat(a.get("message").asString()).contains("not implemented");
        JsonNode b = assertError(admin.get(org(orgA) + "/roles"), 501, "not_implemented");
        assertThat(a.get("trackingId").asString()).isNotEqualTo(b.get("trackingId").asString());
        assertError(admin.post(org(orgA) + "/subscriptions/claimInfo", "{\"claimCode\":\"X\"}"), 501, "not_implemented");
    }

    @Test
    void theTrackingIdOfAnErrorIsInTheServerLog(org.springframework.boot.test.system.CapturedOutput output) {
        JsonNode e = assertError(admin.get(org(java.util.UUID.randomUUID())), 404, "not_found");
        assertThat(output.getAll()).contains("trackingId=" + e.get("trackingId").asString());
    }

    @Test
    void everyContractOperationNotBuiltAnswers501() {
        String o = org(orgA);
        String[][] ops = {
                {"GET", o + "/subscriptions"}, {"POST", o + "/subscriptions"}, {"GET", o + "/subscriptions/s1"},
                {"PUT", o + "/subscriptions/s1"}, {"PATCH", o + "/subscriptions/s1"}, {"PATCH", o + "/users"},
                {"GET", o + "/users/u1"}, {"PUT", o + "/users/u1"}, {"GET", o + "/users/u1/groups"},
                {"PUT", o + "/adminGroups/" + orgA}, {"DELETE", o + "/adminGroups/" + orgA},
                {"PATCH", o + "/adminGroups/" + orgA}, {"GET", o + "/adminGroups/" + orgA + "/managedOrgs"},
                {"GET", o + "/adminGroups/" + orgA + "/roles"}, {"GET", o + "/adminGroups/" + orgA + "/users"},
                {"GET", o + "/roles/r1"}, {"PATCH", o + "/roles/r1"}};
        for (String[] op : ops) {
            String body = op[0].equals("GET") || op[0].equals("DELETE") ? null : "{}";
            assertError(admin.send(op[0], op[1], body, "application/json", List.of()), 501, "not_implemented");
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
        // the regional hosts route common objects, which are not built yet
        assertError(admin.onHost("api.eu.security.localhost")
                .send("GET", org(orgA) + "/objects", null, "application/json", List.of(), false), 501, "not_implemented");
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
}
