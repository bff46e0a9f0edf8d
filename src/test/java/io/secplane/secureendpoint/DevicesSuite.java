package io.secplane.secureendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Devices (the reference's view of an organization's computers, at most 100 a page) and the
 * vulnerabilities found on each, as the platform operator's synthetic scans set them: their scores,
 * fixes and facets, the riskiest first, what a second scan keeps and drops, and what goes with a
 * removed computer.
 */
public abstract class DevicesSuite extends SecureEndpointTestSupport {

    private Api fleet() {
        return operator.onHost("api.security.localhost");
    }

    private String add(Se se, String body) {
        Api.Reply r = fleet().post("/operator/v1/secure-endpoint/organizations/" + se.org() + "/computers", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("connectorGuid").asString();
    }

    private Api.Reply scan(Se se, String computer, String vulnerabilities) {
        return fleet().put("/operator/v1/secure-endpoint/organizations/" + se.org() + "/computers/" + computer
                + "/vulnerabilities", "{\"vulnerabilities\":" + vulnerabilities + "}");
    }

    @Test
    void devicesAreTheComputersInTheReferencesShape() {
        Se se = se(true);
        String alpha = add(se, "{\"hostname\":\"alpha-1\",\"operatingSystem\":\"windows\",\"osVersion\":\"Windows 11\","
                + "\"internalIps\":[\"10.1.0.5\"],\"externalIp\":\"203.0.113.9\",\"lastSeen\":\"2026-11-30T08:00:00Z\"}");
        add(se, "{\"hostname\":\"Alpha-2\",\"operatingSystem\":\"linux\"}");
        add(se, "{\"hostname\":\"beta\",\"operatingSystem\":\"mac\"}");
        JsonNode all = se.api().get(se.base() + "/devices").json();
        assertThat(all.get("meta").toString()).isEqualTo("{\"start\":0,\"size\":100,\"total\":3}");
        JsonNode first = all.get("data").get(0);
        assertThat(first.toString()).isEqualTo("{\"guid\":\"" + alpha + "\",\"name\":\"alpha-1\",\"osType\":\"windows\","
                + "\"osVersion\":\"Windows 11\",\"publicIp\":\"203.0.113.9\",\"localIps\":[\"10.1.0.5\"],"
                + "\"lastActive\":\"2026-11-30T08:00:00Z\"}");
        assertThat(se.api().get(se.base() + "/devices/" + alpha).json().get("data")).isEqualTo(first);
        assertThat(se.api().get(se.base() + "/devices?name=ALPHA").json().get("data")).map(d -> d.get("name").asString())
                .containsExactly("alpha-1", "Alpha-2");
        assertThat(se.api().get(se.base() + "/devices?start=2&size=1").json().get("data").get(0).get("name").asString())
                .isEqualTo("beta");
        assertThat(detail(se.api().get(se.base() + "/devices?size=101"), 400)).contains("size");
        assertThat(detail(se.api().get(se.base() + "/devices/" + UUID.randomUUID()), 404)).contains("not found");
        Se other = se(true);
        assertThat(detail(other.api().get(other.base() + "/devices/" + alpha), 404)).contains(alpha);
        assertThat(detail(other.api().get(se.base() + "/devices"), 404)).contains(se.org());
    }

    @Test
    void aScanFindsVulnerabilitiesTheRiskiestFirstAndASecondScanReplacesThem() {
        Se se = se(true);
        String pc = add(se, "{\"hostname\":\"vuln-1\",\"operatingSystem\":\"windows\"}");
        String path = se.base() + "/devices/" + pc + "/vulnerabilities";
        assertThat(se.api().get(path).json().get("meta").get("total").asInt()).isZero();

        Api.Reply set = scan(se, pc, "[{\"cve\":\"CVE-2023-4863\",\"version\":\"116.0.5845.96\"},"
                + "{\"cve\":\"CVE-2021-44228\",\"version\":\"2.14.1\"}]");
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(set.json().get("vulnerabilities")).map(v -> v.get("cve").asString())
                .containsExactly("CVE-2021-44228", "CVE-2023-4863");
        JsonNode found = se.api().get(path).json();
        assertThat(found.get("meta").get("total").asInt()).isEqualTo(2);
        JsonNode log4j = found.get("data").get(0);
        assertThat(log4j.get("id").asString()).isEqualTo("CVE-2021-44228");
        assertThat(log4j.get("application").asString()).isEqualTo("Apache Log4j");
        assertThat(log4j.get("version").asString()).isEqualTo("2.14.1");
        assertThat(log4j.get("cvssScores").toString())
                .isEqualTo("{\"v2\":{\"base\":9.3,\"temporal\":8.4},\"v3.1\":{\"base\":10.0,\"temporal\":9.5}}");
        assertThat(log4j.get("riskScore").asInt()).isEqualTo(100);
        assertThat(log4j.get("fixes").get(0).get("id").asString()).isEqualTo("log4j-2.17.1");
        assertThat(log4j.get("activeInternetBreach").asBoolean()).isTrue();
        JsonNode webp = found.get("data").get(1);
        assertThat(webp.get("cvssScores").has("v2")).as("no CVSS v2 score was published for it").isFalse();
        assertThat(webp.get("easilyExploitable").asBoolean()).isFalse();
        String firstFound = webp.get("detectedAt").asString();

        // a second scan: Log4j fixed, Chrome still there in another version (first found when it was)
        scan(se, pc, "[{\"cve\":\"CVE-2023-4863\",\"version\":\"116.0.5845.110\"}]");
        JsonNode again = se.api().get(path).json();
        assertThat(again.get("data")).hasSize(1);
        assertThat(again.get("data").get(0).get("version").asString()).isEqualTo("116.0.5845.110");
        assertThat(again.get("data").get(0).get("detectedAt").asString()).isEqualTo(firstFound);

        // refused: a CVE the catalogue lacks, one named twice, a computer of nowhere; nothing changes
        assertThat(assertError(scan(se, pc, "[{\"cve\":\"CVE-1999-0001\",\"version\":\"1\"}]"), 400, "validation_failed")
                .get("message").asString()).contains("CVE-1999-0001");
        assertThat(assertError(scan(se, pc, "[{\"cve\":\"CVE-2017-0144\",\"version\":\"1\"},{\"cve\":\"CVE-2017-0144\","
                + "\"version\":\"2\"}]"), 400, "validation_failed").get("message").asString()).contains("named twice");
        assertThat(scan(se, UUID.randomUUID().toString(), "[]").status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT cve FROM se_computer_vulnerabilities WHERE connector_guid = ?").param(UUID.fromString(pc))
                .query(String.class).list()).containsExactly("CVE-2023-4863");

        // in the organization's audit log, as a change to the computer by the operator
        JsonNode audit = se.api().get(se.base() + "/audit_logs?event=setComputerVulnerabilities").json().get("data");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("auditLogType").asString()).isEqualTo("computer");
        assertThat(audit.get(0).get("auditLogUser").get("kind").asString()).isEqualTo("OPERATOR");
        // what a removed computer had goes with it
        assertThat(fleet().delete("/operator/v1/secure-endpoint/organizations/" + se.org() + "/computers/" + pc).status())
                .isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_computer_vulnerabilities WHERE connector_guid = ?")
                .param(UUID.fromString(pc)).query(Long.class).single()).isZero();
        assertThat(detail(se.api().get(path), 404)).contains(pc);
    }
}
