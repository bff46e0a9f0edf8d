package io.secplane.secureendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import io.secplane.support.XdrFixtures;
import tools.jackson.databind.JsonNode;

/**
 * Groups and computers: the groups every organization starts with and their policies, a fleet made
 * through the operator's API, the v3 filters and paging over it, and a computer moved between groups
 * (its policy follows), with what each change leaves in the database and the audit log.
 */
public abstract class FleetSuite extends SecureEndpointTestSupport {

    private Api fleetOf(Se se) {
        return operator.onHost("api.security.localhost");
    }

    private String addComputer(Se se, String body) {
        Api.Reply r = fleetOf(se).post("/operator/v1/secure-endpoint/organizations/" + se.org() + "/computers", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("connectorGuid").asString();
    }

    private Map<String, JsonNode> groupsByName(Se se) {
        Map<String, JsonNode> by = new HashMap<>();
        se.api().get(se.base() + "/groups").json().get("data").forEach(g -> by.put(g.get("name").asString(), g));
        return by;
    }

    private static String policyOf(JsonNode group, String os) {
        for (JsonNode p : group.get("policies")) {
            if (p.get("operatingSystem").asString().equals(os)) {
                return p.get("name").asString();
            }
        }
        return null;
    }

    @Test
    void anOrganizationStartsWithCiscosGroupsEachWithAPolicyPerSystem() {
        Se se = se(true);
        Map<String, JsonNode> groups = groupsByName(se);
        assertThat(groups.keySet()).containsExactlyInAnyOrder("Audit", "Protect", "Triage", "Server", "Domain Controller");
        JsonNode server = groups.get("Server");
        assertThat(server.get("policies")).hasSize(5);
        assertThat(policyOf(server, "windows")).isEqualTo("Server");
        assertThat(policyOf(server, "linux")).isEqualTo("Server");
        assertThat(policyOf(server, "mac")).isEqualTo("Protect");
        assertThat(policyOf(server, "ios")).isEqualTo("Audit");
        assertThat(server.get("computersCount").asLong()).isZero();
        String guid = server.get("guid").asString();
        assertThat(se.api().get(se.base() + "/groups/" + guid).json().get("data").get("name").asString()).isEqualTo("Server");
        assertThat(detail(se.api().get(se.base() + "/groups/" + java.util.UUID.randomUUID()), 404)).contains("not found");
        assertThat(se.api().get(se.base() + "/groups?name=DOMAIN").json().get("meta").get("total").asInt()).isEqualTo(1);
        // the groups that use the Windows Server policy
        String windowsServer = policy(se, "windows", "Server");
        assertThat(se.api().get(se.base() + "/policies/" + windowsServer + "/groups").json().get("data"))
                .map(g -> g.get("name").asString()).containsExactly("Server");
        assertThat(se.api().get(se.base() + "/policies/" + policy(se, "mac", "Protect") + "/groups").json().get("data"))
                .map(g -> g.get("name").asString()).containsExactly("Domain Controller", "Protect", "Server");
    }

    @Test
    void aFleetIsFilteredPagedAndAComputerMovedTakesItsNewGroupsPolicy() {
        Se se = se(true);
        Map<String, JsonNode> groups = groupsByName(se);
        String server = groups.get("Server").get("guid").asString();
        String audit = groups.get("Audit").get("guid").asString();
        String web1 = addComputer(se, "{\"hostname\":\"WEB-01\",\"operatingSystem\":\"windows\",\"osVersion\":\"Windows Server 2022\","
                + "\"groupGuid\":\"" + server + "\",\"internalIps\":[\"10.0.0.11\",\"192.168.1.11\"],\"externalIp\":\"203.0.113.7\"}");
        addComputer(se, "{\"hostname\":\"web-02\",\"operatingSystem\":\"linux\",\"groupGuid\":\"" + server + "\","
                + "\"internalIps\":[\"10.0.0.12\"],\"lastSeen\":\"" + Instant.now().minusSeconds(7 * 86_400) + "\"}");
        String laptop = addComputer(se, "{\"hostname\":\"LAPTOP-ANA\",\"operatingSystem\":\"mac\",\"internalIps\":[\"10.0.0.110\"]}");

        Api.Reply all = se.api().get(se.base() + "/computers");
        assertThat(all.json().get("meta").get("total").asInt()).isEqualTo(3);
        assertThat(all.json().get("data")).map(c -> c.get("hostname").asString()).containsExactly("LAPTOP-ANA", "WEB-01", "web-02");
        JsonNode web = se.api().get(se.base() + "/computers/" + web1).json().get("data");
        assertThat(web.get("policy").get("name").asString()).isEqualTo("Server");
        assertThat(web.get("internalIps")).map(JsonNode::asString).containsExactly("10.0.0.11", "192.168.1.11");
        // the filters, in the query or as a form body
        assertThat(total(se, "hostname=web")).isEqualTo(2);
        assertThat(total(se, "hostname=eb-0")).as("the start of a hostname, not any part").isZero();
        assertThat(total(se, "groupGuid=" + server)).isEqualTo(2);
        assertThat(total(se, "operatingSystem=mac")).isEqualTo(1);
        assertThat(total(se, "internalIp=10.0.0.11")).isEqualTo(1);
        assertThat(total(se, "internalIp=10.0.0.1")).isZero();
        assertThat(total(se, "externalIp=203.0.113.7")).isEqualTo(1);
        assertThat(total(se, "lastSeenWithin=86400")).isEqualTo(2);
        assertThat(total(se, "lastSeenOver=86400")).isEqualTo(1);
        Api.Reply form = se.api().send("GET", se.base() + "/computers", "hostname=WEB&size=1&start=1",
                "application/x-www-form-urlencoded", List.of());
        assertThat(form.json().get("meta").toString()).isEqualTo("{\"start\":1,\"size\":1,\"total\":2}");
        assertThat(form.json().get("data").get(0).get("hostname").asString()).isEqualTo("web-02");
        assertThat(detail(se.api().get(se.base() + "/computers?lastSeenWithin=0"), 400)).contains("lastSeenWithin");
        assertThat(groupsByName(se).get("Server").get("computersCount").asLong()).isEqualTo(2);
        assertThat(se.api().get(se.base() + "/policies/" + policy(se, "mac", "Protect") + "/computers").json().get("data"))
                .map(c -> c.get("hostname").asString()).containsExactly("LAPTOP-ANA");

        // moved: its policy is its new group's for its system, the counts follow, the audit log says so
        Api.Reply moved = se.api().send("PATCH", se.base() + "/computers/" + web1, "{\"groupGuid\":\"" + audit + "\"}",
                "application/json", List.of());
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.json().get("data").get("groupGuid").asString()).isEqualTo(audit);
        assertThat(moved.json().get("data").get("policy").get("name").asString()).isEqualTo("Audit");
        assertThat(moved.json().get("data").get("policy").get("guid").asString()).isEqualTo(policy(se, "windows", "Audit"));
        assertThat(jdbc.sql("SELECT group_guid FROM se_computers WHERE connector_guid = ?").param(java.util.UUID.fromString(web1))
                .query(String.class).single()).isEqualTo(audit);
        assertThat(groupsByName(se).get("Server").get("computersCount").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE org_id = ? AND target = ?").param(se.tenant().orgId())
                .param("secure-endpoint/" + se.org() + "/computers/" + web1).query(String.class).list())
                .anyMatch(d -> d.contains("moved"));

        // refusals: another organization's group, a computer of nowhere, a reader
        Se other = se(true);
        String theirs = groupsByName(other).get("Audit").get("guid").asString();
        assertThat(detail(se.api().send("PATCH", se.base() + "/computers/" + laptop, "{\"groupGuid\":\"" + theirs + "\"}",
                "application/json", List.of()), 422)).contains("names no group");
        assertThat(detail(other.api().send("PATCH", other.base() + "/computers/" + laptop, "{\"groupGuid\":\"" + theirs + "\"}",
                "application/json", List.of()), 404)).contains(laptop);
        Se reader = se(false);
        assertThat(reader.api().send("PATCH", reader.base() + "/computers/" + laptop, "{\"groupGuid\":\"" + audit + "\"}",
                "application/json", List.of()).status()).isEqualTo(403);

        // the operator changes and removes what installing connectors made
        Api.Reply changed = fleetOf(se).send("PATCH", "/operator/v1/secure-endpoint/organizations/" + se.org() + "/computers/"
                + laptop, "{\"connectorVersion\":\"8.5.0\"}", "application/json", List.of());
        assertThat(changed.json().get("connectorVersion").asString()).isEqualTo("8.5.0");
        assertThat(fleetOf(se).delete("/operator/v1/secure-endpoint/organizations/" + se.org() + "/computers/" + laptop).status())
                .isEqualTo(204);
        assertThat(detail(se.api().get(se.base() + "/computers/" + laptop), 404)).contains(laptop);
        // the tenant's administrator reads the operator's changes in its audit log
        JsonNode events = keyOf(se.tenant().orgId(), se.tenant().userId(), io.secplane.roles.StaticRoles.ORG_ADMIN)
                .get("/v1/organizations/" + se.tenant().orgId() + "/auditLog?limit=100").json().get("events");
        List<String> byOperator = new java.util.ArrayList<>();
        events.forEach(e -> {
            if (e.get("actor").get("kind").asString().equals("OPERATOR")) {
                byOperator.add(e.get("operation").asString());
            }
        });
        assertThat(byOperator).contains("addComputer", "changeComputer", "removeComputer");
        assertThat(assertError(fleetOf(se).post("/operator/v1/secure-endpoint/organizations/nosuchorg/computers",
                "{\"hostname\":\"x\",\"operatingSystem\":\"linux\"}"), 404, "not_found").get("message").asString())
                .contains("nosuchorg");
        // an organization's own token is not the operator's
        assertThat(se.api().onHost("api.security.localhost").post("/operator/v1/secure-endpoint/organizations/" + se.org()
                + "/computers", "{\"hostname\":\"x\",\"operatingSystem\":\"linux\"}").status()).isEqualTo(401);
    }

    @Test
    void deepPagesStartWhereTheyShouldBeforeAndAfterTheFleetChanges() {
        Se se = se(true);
        var fleet = ctx.getBean(io.secplane.secureendpoint.fleet.FleetRepository.class);
        String protect = groupsByName(se).get("Protect").get("guid").asString();
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2500; i++) {
            fleet.addComputer(new io.secplane.secureendpoint.fleet.FleetRepository.Computer(java.util.UUID.randomUUID(),
                    se.org(), java.util.UUID.fromString(protect), "pc-" + random.nextInt(900), i % 3 == 0 ? "mac" : "windows",
                    "", "8.4.2", List.of(), null, now, now, null));
        }
        List<String> order = jdbc.sql("SELECT connector_guid FROM se_computers WHERE se_org = ? ORDER BY hostname_key, connector_guid")
                .param(se.org()).query(String.class).list();
        for (int start : new int[] {0, 999, 1000, 1001, 1990, 2000, 2450}) {
            Api.Reply page = se.api().get(se.base() + "/computers?size=60&start=" + start);
            assertThat(page.json().get("meta").get("total").asInt()).isEqualTo(2500);
            assertThat(page.json().get("data")).map(c -> c.get("connectorGuid").asString()).as("start=%d", start)
                    .containsExactlyElementsOf(order.subList(start, Math.min(start + 60, 2500)));
        }
        // filtered: the Macs, and after the fleet changes (a computer added at the top), the pages move with it
        List<String> macs = jdbc.sql("SELECT connector_guid FROM se_computers WHERE se_org = ? AND operating_system = 'mac' "
                + "ORDER BY hostname_key, connector_guid").param(se.org()).query(String.class).list();
        assertThat(se.api().get(se.base() + "/computers?operatingSystem=mac&size=5&start=830").json().get("data"))
                .map(c -> c.get("connectorGuid").asString()).containsExactlyElementsOf(macs.subList(830, 834));
        String first = addComputer(se, "{\"hostname\":\"aaa-first\",\"operatingSystem\":\"windows\"}");
        Api.Reply after = se.api().get(se.base() + "/computers?size=2&start=1000");
        assertThat(after.json().get("meta").get("total").asInt()).isEqualTo(2501);
        assertThat(after.json().get("data")).map(c -> c.get("connectorGuid").asString()).containsExactlyElementsOf(order.subList(999, 1001));
        assertThat(se.api().get(se.base() + "/computers?size=1").json().get("data").get(0).get("connectorGuid").asString())
                .isEqualTo(first);
    }

    private static int total(Se se, String query) {
        return se.api().get(se.base() + "/computers?" + query).json().get("meta").get("total").asInt();
    }
}
