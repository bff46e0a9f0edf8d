package io.secplane.secureendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.secplane.SecplaneApplication;
import io.secplane.apikeys.ApiKeyService;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import io.secplane.support.XdrFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What public Secure Endpoint scripts do after the seed's token chain, over HTTPS with a plain HTTP
 * client and the habits they have (a colon after Bearer, paging and filters as a form body on a
 * GET): list the organizations, make an exclusion set and add exclusions of each type, attach it to
 * a policy and read the policy's XML, export every set with its exclusions, duplicate a set into
 * the other organization as the public duplicator does, and read the audit log of it all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SecureEndpointScriptsSuite {

    private Path dataDir;
    private ConfigurableApplicationContext ctx;
    private Api server;

    protected abstract List<String> databaseArguments();

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("secplane-se-scripts-");
        List<String> args = new ArrayList<>(List.of("--data-dir=" + dataDir, "--management.server.port=0", "--server.port=0",
                "--secplane.http.enabled=false"));
        args.addAll(databaseArguments());
        ctx = SpringApplication.run(SecplaneApplication.class, SecplaneApplication.translateArguments(args.toArray(String[]::new)));
        int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
        server = new Api("https://localhost:" + port,
                HttpClient.newBuilder().sslContext(io.secplane.support.TrustedCa.of(dataDir)).build());
    }

    @AfterAll
    void stop() {
        ctx.close();
    }

    @Test
    void exportAttachAndDuplicateAsPublicScriptsDo() throws Exception {
        XdrFixtures.Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "enrich:read casebook inspect:read",
                "Example Organization #1", "Example Organization #2");
        // the seed's token chain
        Api iroh = server.onHost(XdrFixtures.irohHost("NAM"));
        String xdrToken = iroh.send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                "application/x-www-form-urlencoded", List.of("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((t.clientId() + ":" + t.password()).getBytes(StandardCharsets.UTF_8))))
                .json().get("access_token").asString();
        String seToken = server.onHost(XdrFixtures.seHost("NAM")).send("POST", "/v3/access_tokens", null, null,
                List.of("Authorization", "Bearer " + xdrToken)).json().get("access_token").asString();
        Script se = new Script(server.onHost(XdrFixtures.seHost("NAM")), "Bearer: " + seToken);

        JsonNode orgs = se.get("/v3/organizations", "size=100").get("data");
        String first = orgs.get(0).get("organizationIdentifier").asString();
        String second = orgs.get(1).get("organizationIdentifier").asString();

        // an exclusion set, and one exclusion of each type Windows has
        JsonNode made = se.send("POST", "/v3/organizations/" + first + "/exclusion_sets",
                "{\"operatingSystem\":\"windows\",\"name\":\"Build agents\"}", 201);
        String set = made.get("data").get("guid").asString();
        List<String> bodies = List.of(
                "{\"exclusionType\":\"path\",\"path\":\"C:\\\\agents\\\\work\\\\\"}",
                "{\"exclusionType\":\"path\",\"path\":\"C:\\\\agents\\\\*\\\\cache\",\"anyDrive\":true}",
                "{\"exclusionType\":\"fileExtension\",\"fileExtension\":\".obj\"}",
                "{\"exclusionType\":\"wildcard\",\"path\":\"C:\\\\tmp\\\\*.pdb\"}",
                "{\"exclusionType\":\"threat\",\"threatName\":\"W32.Build.Test\"}",
                "{\"exclusionType\":\"process\",\"process\":{\"sha\":\"" + "ab".repeat(32) + "\"}}",
                "{\"exclusionType\":\"executable\",\"executableName\":\"msbuild.exe\"}",
                "{\"exclusionType\":\"ioc\",\"iocGuid\":\"ioc-build-1\"}");
        for (String body : bodies) {
            se.send("POST", "/v3/organizations/" + first + "/exclusion_sets/" + set + "/exclusions", body, 201);
        }

        // attached to the Windows Protect policy; the XML a connector reads lists every value
        String protect = null;
        for (JsonNode p : se.get("/v3/organizations/" + first + "/policies", "operatingSystem=windows&size=100").get("data")) {
            if (p.get("name").asString().equals("Protect")) {
                protect = p.get("guid").asString();
            }
        }
        assertThat(protect).isNotNull();
        se.send("POST", "/v3/organizations/" + first + "/policies/" + protect + "/exclusion_sets",
                "{\"exclusionSetGuid\":\"" + set + "\"}", 201);
        Api.Reply xml = se.api.send("GET", "/v3/organizations/" + first + "/policies/" + protect + "/xml", null, null,
                List.of("Authorization", se.authorization));
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList values = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.raw().getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagNameNS("*", "exclusion");
        List<String> inXml = new ArrayList<>();
        for (int i = 0; i < values.getLength(); i++) {
            inXml.add(((Element) values.item(i)).getAttribute("type") + "=" + values.item(i).getTextContent());
        }
        assertThat(inXml).containsExactly("path=C:\\agents\\work\\", "path=C:\\agents\\*\\cache", "fileExtension=.obj",
                "wildcard=C:\\tmp\\*.pdb", "threat=W32.Build.Test", "process=" + "ab".repeat(32), "executable=msbuild.exe",
                "ioc=ioc-build-1");

        // the export script: every set, then every exclusion of each, paged as it pages
        List<JsonNode> exported = new ArrayList<>();
        for (JsonNode s : se.all("/v3/organizations/" + first + "/exclusion_sets", "operatingSystem=windows")) {
            if (s.get("properties").get("name").asString().equals("Build agents")) {
                exported.addAll(se.all("/v3/organizations/" + first + "/exclusion_sets/" + s.get("guid").asString() + "/exclusions", ""));
            }
        }
        assertThat(exported).hasSize(8);

        // the duplicator: a set named "<name> - Copy" in the other organization, each exclusion as it read it back
        JsonNode copy = se.send("POST", "/v3/organizations/" + second + "/exclusion_sets",
                "{\"operatingSystem\":\"windows\",\"name\":\"Build agents - Copy\"}", 201);
        String copyGuid = copy.get("data").get("guid").asString();
        assertThat(copy.get("data").get("properties").get("name").asString()).isEqualTo("Build agents - Copy");
        for (JsonNode e : exported) {
            ObjectNode body = (ObjectNode) e.deepCopy();
            body.remove(List.of("guid", "createdAt"));
            se.send("POST", "/v3/organizations/" + second + "/exclusion_sets/" + copyGuid + "/exclusions", body.toString(), 201);
        }
        List<JsonNode> copied = se.all("/v3/organizations/" + second + "/exclusion_sets/" + copyGuid + "/exclusions", "");
        assertThat(copied).hasSize(8);
        for (int i = 0; i < 8; i++) {
            ObjectNode a = (ObjectNode) exported.get(i).deepCopy();
            ObjectNode b = (ObjectNode) copied.get(i).deepCopy();
            a.remove(List.of("guid", "createdAt"));
            b.remove(List.of("guid", "createdAt"));
            assertThat(b).isEqualTo(a);
        }
        // duplicating twice: the name is taken, as the duplicator checks
        Api.Reply again = se.api.send("POST", "/v3/organizations/" + second + "/exclusion_sets",
                "{\"operatingSystem\":\"windows\",\"name\":\"Build agents - Copy\"}", "application/json",
                List.of("Authorization", se.authorization));
        assertThat(again.status()).isEqualTo(422);
        List<String> errors = new ArrayList<>();
        again.json().get("errors").forEach(e -> errors.add(e.isString() ? e.asString() : ""));
        assertThat(errors).contains("Name has already been taken");

        // the audit log of all this, read through the platform API by the tenant's administrator
        ApiKeyService.Issued key = ctx.getBean(ApiKeyService.class).create(t.orgId(), "auditor", null, null, t.userId(),
                List.of(StaticRoles.ORG_ADMIN));
        JsonNode events = server.onHost("api.security.localhost").as(key.accessToken())
                .get("/v1/organizations/" + t.orgId() + "/auditLog?limit=100").json().get("events");
        List<String> operations = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.get("target").asString().startsWith("secure-endpoint/")) {
                operations.add(e.get("operation").asString());
                assertThat(e.get("actor").get("id").asString()).isEqualTo(t.clientId());
                assertThat(e.get("actor").get("userId").asString()).isEqualTo(t.userId().toString());
            }
        }
        assertThat(operations).containsOnly("createExclusionSet", "createExclusion", "attachExclusionSet");
        assertThat(operations.stream().filter("createExclusion"::equals).count()).isEqualTo(16);
        assertThat(operations.stream().filter("createExclusionSet"::equals).count()).isEqualTo(2);
    }

    /** A script's calls: its Authorization header as it writes it, a body as a form on a GET. */
    private static final class Script {
        final Api api;
        final String authorization;

        Script(Api api, String authorization) {
            this.api = api;
            this.authorization = authorization;
        }

        JsonNode get(String path, String form) {
            return send("GET", path, form, 200);
        }

        JsonNode send(String method, String path, String body, int status) {
            String type = body == null || body.isEmpty() ? null : body.startsWith("{") ? "application/json"
                    : "application/x-www-form-urlencoded";
            Api.Reply r = api.send(method, path, body == null || body.isEmpty() ? null : body, type,
                    List.of("Authorization", authorization));
            assertThat(r.status()).as(method + " " + path + " " + r.raw()).isEqualTo(status);
            return r.json();
        }

        /** Every item of a list, paged as the export script pages: while total > start + size. */
        List<JsonNode> all(String path, String filters) {
            List<JsonNode> out = new ArrayList<>();
            int start = 0;
            while (true) {
                JsonNode page = get(path, (filters.isEmpty() ? "" : filters + "&") + "size=3&start=" + start);
                page.get("data").forEach(out::add);
                start += page.get("meta").get("size").asInt();
                if (page.get("meta").get("total").asInt() <= start) {
                    return out;
                }
            }
        }
    }
}
