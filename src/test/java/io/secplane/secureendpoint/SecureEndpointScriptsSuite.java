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
        Script se = tokenChain(t);

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

    /** The seed's token chain: an XDR token for the client's credentials, exchanged for a Secure Endpoint token. */
    private Script tokenChain(XdrFixtures.Tenant t) {
        Api iroh = server.onHost(XdrFixtures.irohHost("NAM"));
        String xdrToken = iroh.send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                "application/x-www-form-urlencoded", List.of("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((t.clientId() + ":" + t.password()).getBytes(StandardCharsets.UTF_8))))
                .json().get("access_token").asString();
        String seToken = server.onHost(XdrFixtures.seHost("NAM")).send("POST", "/v3/access_tokens", null, null,
                List.of("Authorization", "Bearer " + xdrToken)).json().get("access_token").asString();
        return new Script(server.onHost(XdrFixtures.seHost("NAM")), "Bearer: " + seToken);
    }

    /**
     * The public device-control script and what follows it: the first organization's first
     * configuration, a rule per line of a CSV, the rules put in another order, the configuration
     * given to a policy and counted over a fleet the operator made, a computer moved into a group
     * whose policy carries it, and that computer's policy read again.
     */
    @Test
    void deviceControlAsThePublicScriptDoes() throws Exception {
        XdrFixtures.Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "enrich:read casebook inspect:read",
                "Example Organization #1");
        Script se = tokenChain(t);
        String org = se.get("/v3/organizations", "size=100").get("data").get(0).get("organizationIdentifier").asString();
        String base = "/v3/organizations/" + org;
        se.send("POST", base + "/device_control/configurations", "{\"name\":\"Removable storage\"}", 201);
        se.send("POST", base + "/device_control/configurations", "{\"name\":\"Second\"}", 201);
        // the script: the first configuration of the list
        JsonNode first = se.get(base + "/device_control/configurations", "").get("data").get(0);
        assertThat(first.get("name").asString()).isEqualTo("Removable storage");
        String conf = first.get("guid").asString();
        String rules = base + "/device_control/configurations/" + conf + "/rules";
        String csv = "identifier,value,controlType\nvendor_name,Toshiba,allow\nvendor_id,0480,allow\n"
                + "device_id,USBSTOR\\Disk&Ven_SanDisk,block\n";
        List<String> lines = csv.lines().skip(1).toList();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            ObjectNode body = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
            body.put("controlType", f[2]).put("notificationType", "never").put("order", i + 1).put("quantifier", "all")
                    .put("displayName", "CSV line " + (i + 1));
            body.putArray("ruleExpressions").addObject().put("identifier", f[0]).put("operator", "equals").put("value", f[1]);
            JsonNode made = se.send("POST", rules, body.toString(), 201).get("data");
            assertThat(made.get("order").asInt()).isEqualTo(i + 1);
            assertThat(made.get("ruleExpressions").get(0).get("value").asString()).isEqualTo(f[1]);
        }
        List<String> guids = new ArrayList<>();
        se.get(rules, "").get("data").forEach(r -> guids.add(r.get("guid").asString()));
        assertThat(guids).hasSize(3);
        JsonNode reordered = se.send("PUT", base + "/device_control/configurations/" + conf + "/rule_order",
                "{\"ruleGuids\":[\"" + guids.get(2) + "\",\"" + guids.get(0) + "\",\"" + guids.get(1) + "\"]}", 200);
        assertThat(reordered.get("data")).map(r -> r.get("displayName").asString())
                .containsExactly("CSV line 3", "CSV line 1", "CSV line 2");

        // the Windows Protect policy carries it; the operator's fleet is counted
        String protect = se.get(base + "/policies", "operatingSystem=windows&name=Protect").get("data").get(0).get("guid").asString();
        se.send("PUT", base + "/policies/" + protect + "/device_control_configuration", "{\"configurationGuid\":\"" + conf + "\"}", 200);
        java.util.Map<String, String> groups = new java.util.HashMap<>();
        se.get(base + "/groups", "").get("data").forEach(g -> groups.put(g.get("name").asString(), g.get("guid").asString()));
        String operatorToken = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(Files.readString(dataDir.resolve("bootstrap.json"))).get("operatorToken").asString();
        Api operator = server.onHost("api.security.localhost").as(operatorToken);
        List<String> computers = new ArrayList<>();
        for (String[] c : List.of(new String[] {"DESK-1", "Protect", "8.4.0"}, new String[] {"DESK-2", "Protect", "7.4.0"},
                new String[] {"DESK-3", "Audit", "8.4.0"})) {
            Api.Reply r = operator.post("/operator/v1/secure-endpoint/organizations/" + org + "/computers",
                    "{\"hostname\":\"" + c[0] + "\",\"operatingSystem\":\"windows\",\"groupGuid\":\"" + groups.get(c[1])
                            + "\",\"connectorVersion\":\"" + c[2] + "\"}");
            assertThat(r.status()).as(r.raw()).isEqualTo(201);
            computers.add(r.json().get("connectorGuid").asString());
        }
        String counts = base + "/device_control/configurations/" + conf + "/";
        assertThat(se.get(counts + "group_count", "").get("data").get("count").asLong()).isEqualTo(1);
        assertThat(se.get(counts + "computer_count", "").get("data").get("count").asLong()).isEqualTo(2);
        assertThat(se.get(counts + "unsupported_connector_count", "").get("data").get("count").asLong()).isEqualTo(1);
        // DESK-3 moved from Audit to Protect: its policy is the one that carries the configuration now
        String desk3 = computers.get(2);
        assertThat(se.get(base + "/computers/" + desk3, "").get("data").get("policy").get("name").asString()).isEqualTo("Audit");
        se.send("PATCH", base + "/computers/" + desk3, "{\"groupGuid\":\"" + groups.get("Protect") + "\"}", 200);
        String policyNow = se.get(base + "/computers/" + desk3, "").get("data").get("policy").get("guid").asString();
        assertThat(policyNow).isEqualTo(protect);
        assertThat(se.get(base + "/policies/" + policyNow + "/device_control_configuration", "").get("data").get("guid").asString())
                .isEqualTo(conf);
        assertThat(se.get(counts + "computer_count", "").get("data").get("count").asLong()).isEqualTo(3);
        // the policy a connector reads lists the rules in their new order
        String xml = se.api.send("GET", base + "/policies/" + protect + "/xml", null, null,
                List.of("Authorization", se.authorization)).raw();
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList inXml = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagNameNS("*", "rule");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inXml.getLength(); i++) {
            names.add(((Element) inXml.item(i)).getAttribute("displayName"));
        }
        assertThat(names).containsExactly("CSV line 3", "CSV line 1", "CSV line 2");
        assertThat(xml).contains(">USBSTOR\\Disk&amp;Ven_SanDisk</expression>");
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
