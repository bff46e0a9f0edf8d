package io.secplane.secureendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.secplane.api.ApiTestSupport;
import io.secplane.support.Api;
import io.secplane.support.XdrFixtures;
import io.secplane.support.XdrFixtures.Tenant;
import tools.jackson.databind.JsonNode;

/**
 * Secure Endpoint v3 configuration as real scripts call it after the token chain: policies, exclusion
 * sets and their exclusions, attaching sets to policies and the policy XML a connector receives,
 * the refusals in the v3 envelope, and what each change leaves in the database and the audit log.
 */
public abstract class SecureEndpointConfigurationSuite extends SecureEndpointTestSupport {

    @Test
    void anOrganizationStartsWithCiscosPoliciesFilteredAsAsked() {
        Se se = se(true);
        Api.Reply all = se.api().get(se.base() + "/policies");
        assertThat(all.json().get("meta").toString()).isEqualTo("{\"start\":0,\"size\":100,\"total\":13}");
        JsonNode first = all.json().get("data").get(0);
        assertThat(first.get("serialNumber").asLong()).isEqualTo(1);
        assertThat(first.get("orbital").get("enabled").asBoolean()).isFalse();
        assertThat(se.api().get(se.base() + "/policies?operatingSystem=windows").json().get("meta").get("total").asInt()).isEqualTo(5);
        assertThat(se.api().get(se.base() + "/policies?policyType=server").json().get("meta").get("total").asInt()).isEqualTo(2);
        // the filters as a form body on the GET, as public scripts send them
        Api.Reply form = se.api().send("GET", se.base() + "/policies", "operatingSystem=mac&size=2",
                "application/x-www-form-urlencoded", List.of());
        assertThat(form.json().get("meta").toString()).isEqualTo("{\"start\":0,\"size\":2,\"total\":3}");
        assertThat(form.json().get("data").findValuesAsString("operatingSystem")).containsOnly("mac");
        assertThat(se.api().get(se.base() + "/policies?name=PROT").json().get("data").findValuesAsString("name"))
                .containsOnly("Protect").hasSize(4);
        assertThat(detail(se.api().get(se.base() + "/policies?operatingSystem=beos"), 400)).contains("operatingSystem");

        String guid = policy(se, "windows", "Audit");
        Api.Reply one = se.api().get(se.base() + "/policies/" + guid);
        assertThat(one.json().get("data").get("name").asString()).isEqualTo("Audit");
        assertThat(one.json().get("data").get("policyType").asString()).isEqualTo("workstation");
        assertThat(se.api().get(se.base() + "/policies/" + guid + "/proxy").json().get("data").get("type").asString())
                .isEqualTo("none");
        assertThat(se.api().get(se.base() + "/policies/" + guid + "/network_control_lists").json().get("data")).isEmpty();
        JsonNode types = se.api().get(se.base() + "/policy_types").json().get("data");
        assertThat(types.findValuesAsString("name")).containsExactly("workstation", "server", "domain_controller");

        // what is not there, or another tenant's, is not found in the v3 envelope
        assertThat(detail(se.api().get(se.base() + "/policies/" + java.util.UUID.randomUUID()), 404)).contains("not found");
        assertThat(detail(se.api().get(se.base() + "/policies/not-a-guid"), 404)).contains("not found");
        Se other = se(true);
        assertThat(detail(other.api().get(se.base() + "/policies"), 404)).contains(se.org());
        assertThat(detail(other.api().get(other.base() + "/policies/" + guid), 404)).contains(guid);
    }

    @Test
    void exclusionSetsAreMadeFilledPagedAndRenamedAsScriptsDoIt() {
        Se se = se(true);
        Api.Reply created = se.api().post(se.base() + "/exclusion_sets",
                "{\"operatingSystem\":\"windows\",\"name\":\"Corporate apps\",\"description\":\"ours\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode data = created.json().get("data");
        String set = data.get("guid").asString();
        assertThat(data.get("name").asString()).isEqualTo("Corporate apps");
        assertThat(data.get("properties").get("name").asString()).isEqualTo("Corporate apps");
        assertThat(data.get("exclusionsCount").asLong()).isZero();

        // a name taken (in any case) is refused as the public duplicator looks for it
        Api.Reply taken = se.api().post(se.base() + "/exclusion_sets", "{\"operatingSystem\":\"mac\",\"name\":\"CORPORATE APPS\"}");
        assertThat(detail(taken, 422)).contains("Name has already been taken");
        List<String> strings = new ArrayList<>();
        taken.json().get("errors").forEach(e -> {
            if (e.isString()) {
                strings.add(e.asString());
            }
        });
        assertThat(strings).containsExactly("Name has already been taken");

        // one exclusion of each Windows type, the process one as the duplicator copies it (nulls for what it lacks)
        addExclusion(se, set, "{\"exclusionType\":\"path\",\"path\":\"C:\\\\Program Files\\\\Corp\\\\\",\"anyDrive\":true}");
        addExclusion(se, set, "{\"exclusionType\":\"fileExtension\",\"fileExtension\":\".corp\"}");
        addExclusion(se, set, "{\"exclusionType\":\"wildcard\",\"path\":\"C:\\\\Temp\\\\*.tmp\"}");
        addExclusion(se, set, "{\"exclusionType\":\"threat\",\"threatName\":\"W32.Test.Eicar\"}");
        String process = addExclusion(se, set, "{\"exclusionType\":\"process\",\"process\":{\"path\":\"C:\\\\corp\\\\agent.exe\","
                + "\"sha\":null,\"user\":\"All Users\"},\"engineSettings\":{\"fileScan\":{\"applyToEngine\":true,"
                + "\"applyToChildProcesses\":false}}}");
        addExclusion(se, set, "{\"exclusionType\":\"executable\",\"executableName\":\"corp.exe\",\"excludeExploitPrevention\":true}");
        addExclusion(se, set, "{\"exclusionType\":\"ioc\",\"iocGuid\":\"ioc-1234\"}");

        JsonNode got = se.api().get(se.base() + "/exclusion_sets/" + set + "/exclusions/" + process).json().get("data");
        assertThat(got.get("process").get("path").asString()).isEqualTo("C:\\corp\\agent.exe");
        assertThat(got.get("process").has("sha")).isFalse();
        assertThat(got.get("engineSettings").get("maliciousActivity").get("applyToEngine").asBoolean()).isTrue();

        // paged as the export script pages: while total > start + size
        List<String> types = new ArrayList<>();
        int start = 0;
        while (true) {
            Api.Reply page = se.api().send("GET", se.base() + "/exclusion_sets/" + set + "/exclusions",
                    "size=3&start=" + start, "application/x-www-form-urlencoded", List.of());
            page.json().get("data").forEach(e -> types.add(e.get("exclusionType").asString()));
            JsonNode meta = page.json().get("meta");
            start += meta.get("size").asInt();
            if (meta.get("total").asInt() <= start) {
                break;
            }
        }
        assertThat(types).containsExactly("path", "fileExtension", "wildcard", "threat", "process", "executable", "ioc");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_exclusions WHERE set_guid = ?").param(java.util.UUID.fromString(set))
                .query(Long.class).single()).isEqualTo(7);

        // what a type or an operating system does not have is refused, naming it
        String mac = createSet(se, "mac", "Mac tools");
        assertThat(detail(se.api().post(se.base() + "/exclusion_sets/" + mac + "/exclusions",
                "{\"exclusionType\":\"executable\",\"executableName\":\"x\"}"), 422)).contains("executable");
        assertThat(detail(se.api().post(se.base() + "/exclusion_sets/" + mac + "/exclusions",
                "{\"exclusionType\":\"path\",\"path\":\"/x\",\"threatName\":\"y\"}"), 422)).contains("ThreatName is not a field");
        assertThat(detail(se.api().post(se.base() + "/exclusion_sets/" + mac + "/exclusions",
                "{\"exclusionType\":\"path\",\"path\":\"/x\",\"anyDrive\":true}"), 422)).contains("Windows");
        assertThat(detail(se.api().post(se.base() + "/exclusion_sets/" + mac + "/exclusions",
                "{\"exclusionType\":\"fileExtension\"}"), 422)).contains("FileExtension can't be blank");
        assertThat(detail(se.api().post(se.base() + "/exclusion_sets/" + mac + "/exclusions",
                "{\"exclusionType\":\"registry\",\"path\":\"/x\"}"), 400)).contains("exclusionType");
        assertThat(se.api().get(se.base() + "/exclusion_sets/" + mac).json().get("data").get("exclusionsCount").asLong()).isZero();

        // filters, in the query or as a form body
        assertThat(se.api().send("GET", se.base() + "/exclusion_sets", "operatingSystem=mac&size=100",
                "application/x-www-form-urlencoded", List.of()).json().get("data")).map(e -> e.get("name").asString())
                .containsExactly("Mac tools");
        assertThat(se.api().get(se.base() + "/exclusion_sets?name=corp").json().get("data"))
                .map(e -> e.get("name").asString()).containsExactly("Corporate apps");

        // properties: renamed, and a name taken refused
        Api.Reply renamed = se.api().put(se.base() + "/exclusion_sets/" + set + "/properties", "{\"name\":\"Corporate software\"}");
        assertThat(renamed.json().get("data").toString()).isEqualTo("{\"name\":\"Corporate software\",\"description\":\"ours\"}");
        assertThat(se.api().get(se.base() + "/exclusion_sets/" + set + "/properties").json().get("data").get("name").asString())
                .isEqualTo("Corporate software");
        assertThat(detail(se.api().put(se.base() + "/exclusion_sets/" + set + "/properties", "{\"name\":\"mac tools\"}"), 422))
                .contains("Name has already been taken");

        // an exclusion deleted is gone, and the set with the rest when it is deleted
        assertThat(se.api().delete(se.base() + "/exclusion_sets/" + set + "/exclusions/" + process).status()).isEqualTo(204);
        assertThat(detail(se.api().get(se.base() + "/exclusion_sets/" + set + "/exclusions/" + process), 404)).contains(process);
        assertThat(se.api().delete(se.base() + "/exclusion_sets/" + set).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_exclusions WHERE set_guid = ?").param(java.util.UUID.fromString(set))
                .query(Long.class).single()).isZero();
        assertThat(detail(se.api().get(se.base() + "/exclusion_sets/" + set), 404)).contains(set);

        // each change is in the audit log, with the client that made it
        List<String> audited = jdbc.sql("SELECT detail FROM audit_log WHERE org_id = ? AND target LIKE ? ORDER BY at, id")
                .param(se.tenant().orgId()).param("secure-endpoint/" + se.org() + "/exclusion_sets/" + set + "%")
                .query(String.class).list();
        assertThat(audited).hasSize(11);
        assertThat(audited.get(0)).contains("'Corporate apps'").contains("created");
        assertThat(audited.get(audited.size() - 1)).contains("deleted");
        assertThat(jdbc.sql("SELECT DISTINCT actor_id FROM audit_log WHERE org_id = ? AND target LIKE ?")
                .param(se.tenant().orgId()).param("secure-endpoint/%").query(String.class).list())
                .containsExactly(se.tenant().clientId());
    }

    @Test
    void aPolicysXmlListsTheExclusionsOfTheSetsItCarries() throws Exception {
        Se se = se(true);
        String protect = policy(se, "windows", "Protect");
        String set = createSet(se, "windows", "Line of business");
        addExclusion(se, set, "{\"exclusionType\":\"path\",\"path\":\"D:\\\\lob\\\\\"}");
        assertThat(serial(se, protect)).isEqualTo(1);

        Api.Reply attached = se.api().post(se.base() + "/policies/" + protect + "/exclusion_sets",
                "{\"exclusionSetGuid\":\"" + set + "\"}");
        assertThat(attached.status()).as(attached.raw()).isEqualTo(201);
        assertThat(attached.json().get("data").get("exclusionsCount").asLong()).isEqualTo(1);
        assertThat(serial(se, protect)).isEqualTo(2);
        addExclusion(se, set, "{\"exclusionType\":\"fileExtension\",\"fileExtension\":\".lob\"}");
        assertThat(serial(se, protect)).isEqualTo(3);

        Document xml = xml(se, protect);
        assertThat(xml.getDocumentElement().getAttribute("serialNumber")).isEqualTo("3");
        Element lob = only(xml.getElementsByTagNameNS("*", "exclusionSet"));
        assertThat(lob.getAttribute("guid")).isEqualTo(set);
        NodeList exclusions = lob.getElementsByTagNameNS("*", "exclusion");
        assertThat(exclusions.getLength()).isEqualTo(2);
        assertThat(((Element) exclusions.item(0)).getAttribute("type")).isEqualTo("path");
        assertThat(exclusions.item(0).getTextContent()).isEqualTo("D:\\lob\\");
        assertThat(exclusions.item(1).getTextContent()).isEqualTo(".lob");
        assertThat(se.api().get(se.base() + "/policies/" + protect + "/exclusion_sets").json().get("data")
                .findValuesAsString("guid")).containsExactly(set);

        // refusals: attached already, another operating system's set, a set of nowhere, delete while attached
        assertThat(detail(se.api().post(se.base() + "/policies/" + protect + "/exclusion_sets",
                "{\"exclusionSetGuid\":\"" + set + "\"}"), 409)).contains("already");
        String linux = createSet(se, "linux", "Servers");
        assertThat(detail(se.api().post(se.base() + "/policies/" + protect + "/exclusion_sets",
                "{\"exclusionSetGuid\":\"" + linux + "\"}"), 422)).contains("linux");
        Se other = se(true);
        String theirs = createSet(other, "windows", "Theirs");
        assertThat(detail(se.api().post(se.base() + "/policies/" + protect + "/exclusion_sets",
                "{\"exclusionSetGuid\":\"" + theirs + "\"}"), 422)).contains("names no exclusion set");
        assertThat(detail(se.api().delete(se.base() + "/exclusion_sets/" + set), 409)).contains(protect).contains("Protect");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_exclusion_sets WHERE guid = ?").param(java.util.UUID.fromString(set))
                .query(Long.class).single()).isEqualTo(1);

        // detached: gone from the next read; then the set may go
        assertThat(se.api().delete(se.base() + "/policies/" + protect + "/exclusion_sets/" + set).status()).isEqualTo(204);
        assertThat(xml(se, protect).getElementsByTagNameNS("*", "exclusionSet").getLength()).isZero();
        assertThat(serial(se, protect)).isEqualTo(4);
        assertThat(detail(se.api().delete(se.base() + "/policies/" + protect + "/exclusion_sets/" + set), 404))
                .contains("not attached");
        assertThat(se.api().delete(se.base() + "/exclusion_sets/" + set).status()).isEqualTo(204);
    }

    @Test
    void aReaderReadsAndChangesNothingAndTwoRacingNamesMakeOneSet() throws Exception {
        Se reader = se(false);
        assertThat(reader.api().get(reader.base() + "/exclusion_sets").status()).isEqualTo(200);
        Api.Reply refused = reader.api().post(reader.base() + "/exclusion_sets", "{\"operatingSystem\":\"linux\",\"name\":\"x\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_exclusion_sets WHERE se_org = ?").param(reader.org()).query(Long.class)
                .single()).isZero();

        Se se = se(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                racers.add(() -> se.api().post(se.base() + "/exclusion_sets", "{\"operatingSystem\":\"linux\",\"name\":\"Race\"}")
                        .status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(racers)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 422).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_exclusion_sets WHERE se_org = ?").param(se.org()).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void attachingASetAgainWhileItsExclusionsChangeNeverFails() throws Exception {
        Se se = se(true);
        String protect = policy(se, "windows", "Protect");
        String set = createSet(se, "windows", "Busy");
        assertThat(se.api().post(se.base() + "/policies/" + protect + "/exclusion_sets", "{\"exclusionSetGuid\":\"" + set + "\"}")
                .status()).isEqualTo(201);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                int n = i;
                work.add(() -> se.api().post(se.base() + "/policies/" + protect + "/exclusion_sets",
                        "{\"exclusionSetGuid\":\"" + set + "\"}").status());
                work.add(() -> se.api().post(se.base() + "/exclusion_sets/" + set + "/exclusions",
                        "{\"exclusionType\":\"fileExtension\",\"fileExtension\":\".b" + n + "\"}").status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(work)) {
                statuses.add(f.get());
            }
            // the set and its policy are taken in one order by every change: no deadlock, no 5xx
            assertThat(statuses).containsOnly(409, 201).filteredOn(s -> s == 201).hasSize(25);
        } finally {
            pool.shutdownNow();
        }
        assertThat(serial(se, protect)).isEqualTo(2 + 25);
    }

    @Test
    void realClientsHabitsAndCiscosCatalogue() {
        Se se = se(true);
        String token = se.api().token();
        Api bare = anonymous.onHost(XdrFixtures.seHost("NAM"));
        // "Bearer: <token>", as a public exclusion script sends it
        Api.Reply colon = bare.send("GET", se.base() + "/exclusion_sets", null, null, List.of("Authorization", "Bearer: " + token));
        assertThat(colon.status()).as(colon.raw()).isEqualTo(200);
        // an XDR token sent straight to v3: say to exchange it first
        String iroh = anonymous.onHost(XdrFixtures.irohHost("NAM")).send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString((se.tenant().clientId() + ":" + se.tenant().password())
                        .getBytes()))).json().get("access_token").asString();
        assertThat(detail(bare.as(iroh).get(se.base() + "/exclusion_sets"), 401)).contains("/v3/access_tokens");

        Api.Reply catalogue = se.api().get("/v3/cisco_maintained_exclusion_sets?operatingSystem=windows&size=4");
        assertThat(catalogue.json().get("meta").toString()).isEqualTo("{\"start\":0,\"size\":4,\"total\":6}");
        Api.Reply again = se.api().get("/v3/cisco_maintained_exclusion_sets?start=4&size=4&operatingSystem=windows");
        assertThat(again.json().get("data")).hasSize(2);
        assertThat(again.json().get("data").get(0).get("guid").asString())
                .isEqualTo(se(true).api().get("/v3/cisco_maintained_exclusion_sets?start=4&size=4&operatingSystem=windows")
                        .json().get("data").get(0).get("guid").asString());
    }

    @Test
    void theCloudIocCatalogueIsFilteredPagedAndAnIocExclusionNamesOne() {
        Se se = se(true);
        JsonNode windows = se.api().get("/v3/iocs?operatingSystem=windows&size=3").json();
        assertThat(windows.get("meta").toString()).isEqualTo("{\"start\":0,\"size\":3,\"total\":8}");
        assertThat(windows.get("data")).map(i -> i.get("name").asString())
                .containsExactly("W32.CredentialDumpLsass.ioc", "W32.OfficeSpawnedShell.ioc", "W32.PowerShellDownloadCradle.ioc");
        JsonNode critical = se.api().get("/v3/iocs?severity=critical").json().get("data");
        assertThat(critical).map(i -> i.get("operatingSystem").asString()).containsExactly("linux", "windows", "windows");
        Api.Reply form = se.api().send("GET", "/v3/iocs", "name=POWERSHELL", "application/x-www-form-urlencoded", List.of());
        assertThat(form.json().get("meta").get("total").asInt()).isEqualTo(2);
        JsonNode lsass = windows.get("data").get(0);
        String guid = lsass.get("guid").asString();
        assertThat(se.api().get("/v3/iocs/" + guid).json().get("data")).isEqualTo(lsass);
        assertThat(lsass.get("attackTechniques").get(0).asString()).isEqualTo("T1003.001");
        assertThat(detail(se.api().get("/v3/iocs/" + java.util.UUID.randomUUID()), 404)).contains("not found");
        assertThat(detail(se.api().get("/v3/iocs?severity=severe"), 400)).contains("severity");
        // the same guids for every caller; an ioc exclusion names one
        assertThat(se(false).api().get("/v3/iocs/" + guid).status()).isEqualTo(200);
        String set = createSet(se, "windows", "IOC exclusions");
        addExclusion(se, set, "{\"exclusionType\":\"ioc\",\"iocGuid\":\"" + guid + "\"}");
        assertThat(anonymous.onHost(XdrFixtures.seHost("NAM")).get("/v3/iocs").status()).isEqualTo(401);
    }

    @Test
    void whoamiSaysWhoATokenSpeaksFor() {
        Tenant t = XdrFixtures.tenant(ctx, "NAM", false, true, "admin enrich:read", "SE org");
        Api iroh = anonymous.onHost(XdrFixtures.irohHost("NAM"));
        String token = iroh.send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                "application/x-www-form-urlencoded", List.of("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((t.clientId() + ":" + t.password()).getBytes()))).json().get("access_token").asString();
        Api.Reply me = iroh.as(token).get("/iroh/profile/whoami");
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.json().get("user").get("user-email").asString()).isEqualTo("user-" + t.userId() + "@example.com");
        assertThat(me.json().get("org").get("id").asString()).isEqualTo(t.orgId().toString());
        assertThat(me.json().get("client").get("client-id").asString()).isEqualTo(t.clientId());
        // a member's client holds admin:read of its admin scope now, not admin
        assertThat(me.json().get("scopes").toString()).doesNotContain("\"admin\"").contains("enrich:read");
        jdbc.sql("UPDATE api_clients SET status = 'DISABLED' WHERE id = ?").param(t.clientId()).update();
        ctx.getBean(io.secplane.access.AccessResolver.class)
                .callerChanged(io.secplane.access.Principal.Kind.API_CLIENT, t.clientId());
        assertThat(iroh.as(token).get("/iroh/profile/whoami").status()).isEqualTo(401);
    }

    private long serial(Se se, String policy) {
        long api = se.api().get(se.base() + "/policies/" + policy).json().get("data").get("serialNumber").asLong();
        assertThat(jdbc.sql("SELECT serial_number FROM se_policies WHERE guid = ?").param(java.util.UUID.fromString(policy))
                .query(Long.class).single()).isEqualTo(api);
        return api;
    }

    private static Document xml(Se se, String policy) throws Exception {
        Api.Reply r = se.api().get(se.base() + "/policies/" + policy + "/xml");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/xml");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(r.raw().getBytes(StandardCharsets.UTF_8)));
    }

    private static Element only(NodeList nodes) {
        assertThat(nodes.getLength()).isEqualTo(1);
        return (Element) nodes.item(0);
    }
}
