package io.secplane.secureendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * A managed security service provider's customers: made with Cisco's defaults and seen by the
 * provider's clients, listed, renamed, refused for a name taken or for a customer's own customers,
 * and removed with everything in them; another tenant and a reader are refused.
 */
public abstract class MsspSuite extends SecureEndpointTestSupport {

    private static String customer(Se se, String name) {
        Api.Reply r = se.api().post(se.base() + "/mssp/customers", "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("data").toString();
    }

    private List<String> organizations(Se se) {
        List<String> names = new ArrayList<>();
        se.api().get("/v3/organizations?size=100").json().get("data").forEach(o -> names.add(o.get("name").asString()));
        return names;
    }

    @Test
    void customersAreMadeListedRenamedAndRemovedWithEverythingInThem() {
        Se se = se(true, "Provider");
        JsonNode made = se.api().post(se.base() + "/mssp/customers", "{\"name\":\" Beta Bank \"}").json().get("data");
        assertThat(made.get("name").asString()).isEqualTo("Beta Bank");
        String guid = made.get("guid").asString();
        String beta = made.get("organizationIdentifier").asString();
        assertThat(beta).matches("[a-z0-9]{24}");
        customer(se, "Alpha Insurance");
        // seen by the provider's clients, with Cisco's defaults
        assertThat(organizations(se)).contains("Provider", "Alpha Insurance", "Beta Bank");
        assertThat(se.api().get("/v3/organizations/" + beta + "/policies").json().get("meta").get("total").asInt()).isEqualTo(13);
        assertThat(se.api().get("/v3/organizations/" + beta + "/groups").json().get("meta").get("total").asInt()).isEqualTo(5);

        JsonNode list = se.api().get(se.base() + "/mssp/customers").json();
        assertThat(list.get("meta").get("total").asInt()).isEqualTo(2);
        assertThat(list.get("data")).map(c -> c.get("name").asString()).containsExactly("Alpha Insurance", "Beta Bank");
        assertThat(se.api().get(se.base() + "/mssp/customers/" + guid).json().get("data")).isEqualTo(made);

        // refused: a name taken (any case), a blank one, a customer's own customers, a guid of nowhere
        Api.Reply taken = se.api().post(se.base() + "/mssp/customers", "{\"name\":\"beta bank\"}");
        assertThat(detail(taken, 422)).contains("name");
        List<String> errors = new ArrayList<>();
        taken.json().get("errors").forEach(e -> errors.add(e.isString() ? e.asString() : ""));
        assertThat(errors).contains("Name has already been taken");
        assertThat(detail(se.api().post(se.base() + "/mssp/customers", "{\"name\":\"  \"}"), 422)).contains("blank");
        assertThat(detail(se.api().post("/v3/organizations/" + beta + "/mssp/customers", "{\"name\":\"Sub\"}"), 422))
                .contains("no customers of its own");
        assertThat(detail(se.api().get(se.base() + "/mssp/customers/" + java.util.UUID.randomUUID()), 404)).contains("not found");
        assertThat(detail(se.api().post(se.base() + "/mssp/customers", "{\"name\":\"x\",\"seats\":5}"), 400)).contains("seats");

        // renamed
        Api.Reply renamed = se.api().put(se.base() + "/mssp/customers/" + guid, "{\"name\":\"Beta Bank plc\"}");
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(204);
        assertThat(organizations(se)).contains("Beta Bank plc").doesNotContain("Beta Bank");

        // filled, then removed with everything in it
        String set = se.api().post("/v3/organizations/" + beta + "/exclusion_sets", "{\"operatingSystem\":\"windows\",\"name\":\"S\"}")
                .json().get("data").get("guid").asString();
        se.api().post("/v3/organizations/" + beta + "/exclusion_sets/" + set + "/exclusions",
                "{\"exclusionType\":\"path\",\"path\":\"C:\\\\x\\\\\"}");
        String protect = se.api().get("/v3/organizations/" + beta + "/policies?operatingSystem=windows&name=Protect").json()
                .get("data").get(0).get("guid").asString();
        se.api().post("/v3/organizations/" + beta + "/policies/" + protect + "/exclusion_sets", "{\"exclusionSetGuid\":\"" + set + "\"}");
        String conf = se.api().post("/v3/organizations/" + beta + "/device_control/configurations", "{\"name\":\"USB\"}").json()
                .get("data").get("guid").asString();
        se.api().put("/v3/organizations/" + beta + "/policies/" + protect + "/device_control_configuration",
                "{\"configurationGuid\":\"" + conf + "\"}");
        String pc = operator.onHost("api.security.localhost").post("/operator/v1/secure-endpoint/organizations/" + beta
                + "/computers", "{\"hostname\":\"b-1\",\"operatingSystem\":\"windows\"}").json().get("connectorGuid").asString();
        operator.onHost("api.security.localhost").put("/operator/v1/secure-endpoint/organizations/" + beta + "/computers/" + pc
                + "/vulnerabilities", "{\"vulnerabilities\":[{\"cve\":\"CVE-2017-0144\",\"version\":\"1\"}]}");
        assertThat(se.api().delete(se.base() + "/mssp/customers/" + guid).status()).isEqualTo(204);
        assertThat(detail(se.api().get("/v3/organizations/" + beta + "/policies"), 404)).contains(beta);
        assertThat(organizations(se)).doesNotContain("Beta Bank plc");
        for (String table : List.of("se_policies", "se_groups", "se_computers", "se_exclusion_sets", "se_device_control_configurations")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE se_org = ?").param(beta).query(Long.class).single())
                    .as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_computer_vulnerabilities WHERE connector_guid = ?")
                .param(java.util.UUID.fromString(pc)).query(Long.class).single()).isZero();
        assertThat(se.api().get(se.base() + "/mssp/customers").json().get("meta").get("total").asInt()).isEqualTo(1);
        assertThat(se.api().delete(se.base() + "/mssp/customers/" + guid).status()).isEqualTo(404);

        // in the provider's audit log
        assertThat(se.api().get(se.base() + "/audit_logs?auditLogType=mssp_customer").json().get("data"))
                .map(e -> e.get("event").asString())
                .containsExactly("deleteMsspCustomer", "updateMsspCustomer", "createMsspCustomer", "createMsspCustomer");

        // another tenant does not reach them; a reader does not change them
        Se other = se(true);
        assertThat(detail(other.api().get(se.base() + "/mssp/customers"), 404)).contains(se.org());
        Se reader = se(false);
        assertThat(reader.api().post(reader.base() + "/mssp/customers", "{\"name\":\"x\"}").status()).isEqualTo(403);
    }

    @Test
    void writesIntoACustomerBeingRemovedAreDoneOrRefusedNeverAFailure() throws Exception {
        Se se = se(true, "Racing provider");
        JsonNode made = se.api().post(se.base() + "/mssp/customers", "{\"name\":\"Short-lived\"}").json().get("data");
        String customer = made.get("organizationIdentifier").asString();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.Set<Integer> statuses = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean gone = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            List<java.util.concurrent.Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 40 && !(gone.get() && i > 5); i++) {
                        statuses.add(se.api().post("/v3/organizations/" + customer + "/exclusion_sets",
                                "{\"operatingSystem\":\"linux\",\"name\":\"w" + writer + "-" + i + "\"}").status());
                    }
                }));
            }
            Thread.sleep(150);
            assertThat(se.api().delete(se.base() + "/mssp/customers/" + made.get("guid").asString()).status()).isEqualTo(204);
            gone.set(true);
            for (var f : writers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).as("each write made, refused for the organization gone, or given up for a concurrent one")
                .isSubsetOf(201, 404, 409, 503);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM se_exclusion_sets WHERE se_org = ?").param(customer).query(Long.class).single())
                .isZero();
    }
}
