package io.secplane.secureendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * The v3 audit log: every change made in a Secure Endpoint organization (through v3 and by the
 * platform operator), newest first, each with the type and guid of what changed and who changed it;
 * its filters and paging; none of another organization's changes; and the same records in the
 * platform API's audit log of the organization that owns it (one store).
 */
public abstract class AuditLogSuite extends SecureEndpointTestSupport {

    @Test
    void everyChangeIsListedWithWhatChangedAndWhoAndTheFiltersPickThem() {
        Se se = se(true, "First", "Second");
        String second = se.api().get("/v3/organizations").json().get("data").get(1).get("organizationIdentifier").asString();
        String set = createSet(se, "windows", "Audited");
        String exclusion = addExclusion(se, set, "{\"exclusionType\":\"path\",\"path\":\"C:\\\\audited\\\\\"}");
        String policy = policy(se, "windows", "Protect");
        assertThat(se.api().post(se.base() + "/policies/" + policy + "/exclusion_sets", "{\"exclusionSetGuid\":\"" + set + "\"}")
                .status()).isEqualTo(201);
        String conf = DeviceControlSuite.createConfiguration(se, "{\"name\":\"Audited USB\"}");
        String rule = DeviceControlSuite.addRule(se, conf, DeviceControlSuite.rule("one", null)).get("guid").asString();
        Api.Reply computer = operator.onHost("api.security.localhost").post("/operator/v1/secure-endpoint/organizations/"
                + se.org() + "/computers", "{\"hostname\":\"AUDIT-1\",\"operatingSystem\":\"windows\"}");
        String connector = computer.json().get("connectorGuid").asString();
        // a change in the tenant's other organization, which this one's log does not show
        se.api().post("/v3/organizations/" + second + "/exclusion_sets", "{\"operatingSystem\":\"mac\",\"name\":\"Elsewhere\"}");

        JsonNode log = se.api().get(se.base() + "/audit_logs").json();
        assertThat(log.get("meta").get("total").asInt()).isEqualTo(6);
        List<String> seen = new ArrayList<>();
        for (JsonNode e : log.get("data")) {
            seen.add(e.get("event").asString() + " " + e.get("auditLogType").asString() + " " + e.get("auditLogId").asString());
        }
        assertThat(seen).containsExactly("addComputer computer " + connector, "createDeviceControlRule device_control_rule " + rule,
                "createDeviceControlConfiguration device_control_configuration " + conf,
                "attachExclusionSet policy " + policy, "createExclusion exclusion " + exclusion,
                "createExclusionSet exclusion_set " + set);
        JsonNode newest = log.get("data").get(0);
        assertThat(newest.get("auditLogUser").get("kind").asString()).isEqualTo("OPERATOR");
        JsonNode byClient = log.get("data").get(5);
        assertThat(byClient.get("auditLogUser").get("kind").asString()).isEqualTo("API_CLIENT");
        assertThat(byClient.get("auditLogUser").get("id").asString()).isEqualTo(se.tenant().clientId());
        assertThat(byClient.get("auditLogUser").get("userId").asString()).isEqualTo(se.tenant().userId().toString());
        assertThat(byClient.get("details").asString()).isEqualTo("exclusion set 'Audited' (windows) created");
        assertThat(byClient.get("trackingId").asString()).isNotBlank();

        // filters, alone and together, in the query or as a form body on the GET
        assertThat(events(se, "?auditLogType=exclusion_set")).containsExactly("createExclusionSet");
        assertThat(events(se, "?auditLogType=device_control_configuration")).containsExactly("createDeviceControlConfiguration");
        assertThat(events(se, "?auditLogId=" + set)).containsExactly("createExclusionSet");
        assertThat(events(se, "?event=attachExclusionSet")).containsExactly("attachExclusionSet");
        assertThat(events(se, "?user=" + se.tenant().clientId())).hasSize(5);
        assertThat(events(se, "?user=" + se.tenant().userId() + "&auditLogType=exclusion")).containsExactly("createExclusion");
        assertThat(events(se, "?startTime=2999-01-01T00:00:00Z")).isEmpty();
        assertThat(events(se, "?endTime=2000-01-01T00:00:00Z")).isEmpty();
        Api.Reply form = se.api().send("GET", se.base() + "/audit_logs", "auditLogType=computer&size=1", 
                "application/x-www-form-urlencoded", List.of());
        assertThat(form.json().get("data").get(0).get("event").asString()).isEqualTo("addComputer");
        JsonNode paged = se.api().get(se.base() + "/audit_logs?start=4&size=1").json();
        assertThat(paged.get("meta").toString()).isEqualTo("{\"start\":4,\"size\":1,\"total\":6}");
        assertThat(paged.get("data").get(0).get("event").asString()).isEqualTo("createExclusion");

        // refused filters, another tenant, a reader
        assertThat(detail(se.api().get(se.base() + "/audit_logs?startTime=yesterday"), 400)).contains("startTime");
        assertThat(detail(se.api().get(se.base() + "/audit_logs?auditLogType=user"), 400)).contains("auditLogType");
        assertThat(detail(se.api().get(se.base() + "/audit_logs?auditLogId=42"), 400)).contains("auditLogId");
        Se other = se(true);
        assertThat(detail(other.api().get(se.base() + "/audit_logs"), 404)).contains(se.org());
        Se reader = se(false);
        assertThat(reader.api().get(reader.base() + "/audit_logs").json().get("meta").get("total").asInt()).isZero();

        // the types, and the same records in the platform API's audit log of the owning organization (one store)
        JsonNode types = se.api().get(se.base() + "/audit_log_types").json().get("data");
        assertThat(types).map(t -> t.get("name").asString()).containsExactly("policy", "exclusion_set", "exclusion", "computer",
                "device_control_configuration", "device_control_rule", "mssp_customer");
        JsonNode platform = keyOf(se.tenant().orgId(), se.tenant().userId(), io.secplane.roles.StaticRoles.ORG_ADMIN)
                .get("/v1/organizations/" + se.tenant().orgId() + "/auditLog?limit=100").json().get("events");
        List<String> ids = new ArrayList<>();
        platform.forEach(e -> ids.add(e.get("id").asString()));
        log.get("data").forEach(e -> assertThat(ids).contains(e.get("guid").asString()));
    }

    private List<String> events(Se se, String query) {
        Api.Reply r = se.api().get(se.base() + "/audit_logs" + query);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("data").forEach(e -> out.add(e.get("event").asString()));
        return out;
    }
}
