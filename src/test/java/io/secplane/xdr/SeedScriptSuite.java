package io.secplane.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<String> args = new ArrayList<>(List.of("--data-dir=" + dataDir, "--server.port=0",
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
        Path file = dataDir.resolve("seed-" + region + ".sh");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        pb.environment().put("client_id", t.clientId());
        pb.environment().put("client_secret", t.password());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(dataDir.resolve("seed-run-" + region + ".txt"), script + "\n----\n" + out);
        assertThat(p.exitValue()).as(out).isZero();
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
}
