package io.secplane.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.secplane.SecplaneApplication;
import io.secplane.support.XdrFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Secure Endpoint document's Linux commands, run by bash with curl and jq against the server
 * over HTTPS, in each region: only the host names change, and curl is given the server's CA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SeedScriptSuite {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path dataDir;
    private ConfigurableApplicationContext ctx;
    private int port;

    protected abstract List<String> databaseArguments();

    @BeforeAll
    void start() throws java.io.IOException {
        dataDir = Files.createTempDirectory("secplane-seed-");
        List<String> args = new ArrayList<>(List.of("--data-dir=" + dataDir, "--management.server.port=0", "--server.port=0",
                "--secplane.http.enabled=false"));
        args.addAll(databaseArguments());
        ctx = SpringApplication.run(SecplaneApplication.class, SecplaneApplication.translateArguments(args.toArray(String[]::new)));
        port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    void stop() {
        ctx.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NAM", "EMEA", "APJC"})
    void theDocumentsCommandsWorkInEveryRegion(String region) throws Exception {
        XdrFixtures.Tenant t = XdrFixtures.tenant(ctx, region, true, true, "enrich:read casebook inspect:read",
                "Example Organization #1", "Example Organization #2");
        String out = runDocumentsCommands(region, t.clientId(), t.password());
        List<JsonNode> printed = new ArrayList<>();
        try (var values = JSON.readerFor(JsonNode.class).readValues(out)) {
            while (values.hasNext()) {
                printed.add((JsonNode) values.next());
            }
        }
        assertThat(printed).as(out).hasSize(3);
        JsonNode iroh = printed.get(0);
        assertThat(iroh.get("token_type").asString()).isEqualTo("bearer");
        assertThat(iroh.get("expires_in").asInt()).isEqualTo(600);
        assertThat(iroh.get("scope").asString()).isEqualTo("enrich:read casebook inspect:read");
        assertThat(iroh.get("access_token").asString()).startsWith("eyJ");
        assertThat(printed.get(1).get("access_token").asString()).startsWith("eyJ");
        JsonNode orgs = printed.get(2);
        assertThat(orgs.get("meta").toString()).isEqualTo("{\"start\":0,\"size\":10,\"total\":2}");
        assertThat(orgs.get("data")).hasSize(2);
        assertThat(orgs.get("data").get(0).get("name").asString()).isEqualTo("Example Organization #1");
        assertThat(orgs.get("data").get(0).get("organizationIdentifier").asString()).matches("[a-z0-9]{24}");
        assertThat(orgs.get("data").get(1).get("name").asString()).isEqualTo("Example Organization #2");
        Files.writeString(dataDir.resolve("last-run-" + region + ".txt"), out);
    }

    /** The document's Linux commands, pointed at this server's hosts of a region, run by bash; what they print. */
    private String runDocumentsCommands(String region, String clientId, String clientSecret) throws Exception {
        String script = new String(getClass().getResourceAsStream("/seed/secure-endpoint-linux.sh").readAllBytes(),
                StandardCharsets.UTF_8);
        // what a person does when pasting from the document: no-break spaces become spaces, trailing ones go
        script = script.replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n");
        String ca = dataDir.resolve("tls/ca.pem").toString();
        script = script
                .replace("https://visibility.eu.amp.cisco.com", "https://" + XdrFixtures.irohHost(region) + ":" + port)
                .replace("https://api.amp.cisco.com", "https://" + XdrFixtures.seHost(region) + ":" + port)
                .replace("curl -s ", "curl -s --cacert " + ca + " ");
        assertThat(script).doesNotContain("cisco.com");
        Path file = dataDir.resolve("seed-" + region + "-" + clientId + ".sh");
        Files.writeString(file, script);
        String out = run(file, Map.of("client_id", clientId, "client_secret", clientSecret));
        Files.writeString(dataDir.resolve("seed-run-" + region + ".txt"), script + "\n----\n" + out);
        return out;
    }

    private static String run(Path file, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /**
     * The two documents joined: the operator mints a code; an administrator makes an org and claims
     * XDR and Secure Endpoint in EMEA with it (curl, over HTTPS); a user of that org has an API client
     * (made as the console makes it); the document's commands, pointed at the EU hosts, list that
     * org's Secure Endpoint organization.
     */
    @org.junit.jupiter.api.Test
    void aClaimedSubscriptionIsWhatTheDocumentsCommandsReach() throws Exception {
        JsonNode boot = JSON.readTree(Files.readString(dataDir.resolve("bootstrap.json")));
        Path flow = dataDir.resolve("claim-eu.sh");
        Files.writeString(flow, """
                set -euo pipefail
                api="https://api.security.localhost:$PORT"
                curl() { command curl -sf --cacert "$CA" -H 'Content-Type: application/json' "$@"; }
                code=$(curl -X POST "$api/operator/v1/claim-codes" -H "Authorization: Bearer $OPERATOR" \
                  -d '{"products":[{"id":"secure-endpoint"},{"id":"xdr"}],"regions":["NAM","EMEA"]}' | jq -r .claimCode)
                org=$(curl -X POST "$api/v1/organizations" -H "Authorization: Bearer $ADMIN" \
                  -d '{"name":"EU Customer","regionCode":"EMEA","type":"STANDALONE"}' | jq -r .id)
                curl -X POST "$api/v1/organizations/$org/subscriptions/claimInfo" -H "Authorization: Bearer $ADMIN" \
                  -d "{\\"claimCode\\":\\"$code\\"}" > /dev/null
                curl -X POST "$api/v1/organizations/$org/subscriptions" -H "Authorization: Bearer $ADMIN" \
                  -d "{\\"claimCode\\":\\"$code\\",\\"products\\":[{\\"id\\":\\"secure-endpoint\\",\\"regionCode\\":\\"EMEA\\"},{\\"id\\":\\"xdr\\",\\"regionCode\\":\\"EMEA\\"}]}" \
                  | jq -c '{org: "'"$org"'", products: [.products[] | {id, status, regionCode, tenantId}]}'
                """);
        JsonNode claimed = JSON.readTree(run(flow, Map.of("PORT", String.valueOf(port), "CA",
                dataDir.resolve("tls/ca.pem").toString(), "OPERATOR", boot.get("operatorToken").asString(),
                "ADMIN", boot.get("accessToken").asString())));
        java.util.UUID org = java.util.UUID.fromString(claimed.get("org").asString());
        assertThat(claimed.get("products").toString()).contains("{\"id\":\"xdr\",\"status\":\"active\",\"regionCode\":\"EMEA\",\"tenantId\":null}");
        String tenant = claimed.get("products").get(0).get("tenantId").asString();
        // a user of the new org, and the API client the console would make for it, with the integration on
        java.util.UUID user = java.util.UUID.randomUUID();
        ctx.getBean(io.secplane.users.UserRepository.class).insert(user, org, "eu-admin@example.com", "EU", "Admin", "ACTIVE",
                null, List.of(io.secplane.roles.StaticRoles.ORG_ADMIN));
        var client = ctx.getBean(io.secplane.xdr.ApiClientService.class).create(org, user, "EU client", "enrich:read", null);
        ctx.getBean(io.secplane.xdr.ApiClientService.class).setIntegration(org, true);
        String out = runDocumentsCommands("EMEA", client.client().id(), client.password());
        List<JsonNode> printed = new ArrayList<>();
        try (var values = JSON.readerFor(JsonNode.class).readValues(out)) {
            while (values.hasNext()) {
                printed.add((JsonNode) values.next());
            }
        }
        assertThat(printed).as(out).hasSize(3);
        JsonNode orgs = printed.get(2);
        assertThat(orgs.get("meta").get("total").asInt()).isEqualTo(1);
        assertThat(orgs.get("data").get(0).get("name").asString()).isEqualTo("EU Customer");
        assertThat(orgs.get("data").get(0).get("organizationIdentifier").asString()).isEqualTo(tenant);
    }
}
