package io.secplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/** Admin groups: the seed's step 4, get, list, unique names, validation and tenancy. */
public abstract class AdminGroupsSuite extends ApiTestSupport {

    private String groups(UUID org) {
        return org(org) + "/adminGroups";
    }

    @Test
    void seedStepFourCreatesTheGroup() {
        String name = "Engineering_Team_" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply r = admin.send("POST", groups(orgA), "{\"name\": \"" + name + "\", "
                        + "\"description\": \"Engineering department group\", \"appliesTo\": \"all\"}",
                "application/json", java.util.List.of("Accept", "application/json"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode g = r.json();
        assertThat(g.propertyNames()).containsExactly("id", "name", "description", "orgId", "created", "type", "appliesTo");
        assertThat(g.get("name").asString()).isEqualTo(name);
        assertThat(g.get("description").asString()).isEqualTo("Engineering department group");
        assertThat(g.get("orgId").asString()).isEqualTo(orgA.toString());
        assertThat(g.get("type").asString()).isEqualTo("Federated");
        assertThat(g.get("appliesTo").asString()).isEqualTo("all");
        assertThat(r.header("Location")).endsWith("/adminGroups/" + g.get("id").asString());
        JsonNode fetched = admin.get(groups(orgA) + "/" + g.get("id").asString()).json();
        assertThat(fetched).isEqualTo(g);
        assertThat(admin.get(groups(orgA)).json().get("adminGroups").toString()).contains(g.get("id").asString());
        assertThat(member.get(groups(orgA) + "/" + g.get("id").asString()).status()).isEqualTo(200);
    }

    @Test
    void namesAreUniqueInAnOrgInAnyCase() {
        String name = "Unique_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post(groups(orgA), "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        JsonNode conflict = assertError(admin.post(groups(orgA), "{\"name\":\"" + name.toUpperCase() + "\"}"), 409, "conflict");
        assertThat(conflict.get("message").asString()).contains(name.toUpperCase());
        // another org may use the same name
        assertThat(otherAdmin.post(groups(orgB), "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
    }

    @Test
    void badGroupsAreRefused() {
        assertError(admin.post(groups(orgA), "{\"description\":\"no name\"}"), 400, "validation_failed");
        assertThat(assertError(admin.post(groups(orgA), "{\"name\":\"x1\",\"appliesTo\":\"everyone\"}"), 400,
                "validation_failed").get("message").asString()).contains("appliesTo").contains("selected_managed");
        assertError(admin.post(groups(orgA), "{\"name\":\"x2\",\"description\":\"" + "d".repeat(1025) + "\"}"),
                400, "validation_failed");
        assertError(admin.get(groups(orgA) + "/not-a-uuid"), 400, "validation_failed");
        assertError(admin.get(groups(orgA) + "/" + UUID.randomUUID()), 404, "not_found");
    }

    @Test
    void groupsStayInTheirOrg() {
        Api.Reply made = otherAdmin.post(groups(orgB), "{\"name\":\"B-only\"}");
        String id = made.json().get("id").asString();
        assertError(admin.get(groups(orgB) + "/" + id), 404, "not_found");
        assertError(admin.get(groups(orgA) + "/" + id), 404, "not_found");
        assertError(admin.post(groups(orgB), "{\"name\":\"from A\"}"), 404, "not_found");
        assertError(admin.get(groups(orgB)), 404, "not_found");
        assertError(member.post(groups(orgA), "{\"name\":\"by member\"}"), 403, "insufficient_scope");
        assertThat(admin.get(groups(orgA)).raw()).doesNotContain("by member").doesNotContain("B-only");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient auditJdbc;

    private long auditRows(UUID org, String targetLike) {
        return auditJdbc.sql("SELECT COUNT(*) FROM audit_log WHERE org_id = ? AND target LIKE ?").param(org).param(targetLike)
                .query(Long.class).single();
    }

    /**
     * Issue 21, item 6: a refusal in an org the caller cannot see (404) is recorded in the caller's own
     * org's log, never in the target's; one in an org it can read (403) in that org's; text longer than
     * its column is cut, never failing the record.
     */
    @Test
    void refusalsAreRecordedInTheCallersOwnLogWhenTheTargetOrgIsHidden() {
        String text = "URGENT-call-support-at-evil-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        for (int i = 0; i < 3; i++) {
            assertError(member.get(org(orgB) + "/adminGroups/" + text), 404, "not_found");
        }
        assertThat(auditRows(orgB, "%" + text + "%")).as("rows in the hidden org's log").isZero();
        assertThat(auditRows(orgA, "%" + text + "%")).as("rows in the caller's own log").isEqualTo(3);
        String longer = "L" + UUID.randomUUID().toString().substring(0, 8) + "x".repeat(1500);
        Api.Reply r = member.send("GET", org(orgB) + "/adminGroups/" + longer, null, null, java.util.List.of(), false);
        assertThat(r.status()).as(r.raw()).isIn(404, 414, 400);
        if (r.status() == 404) {
            String stored = auditJdbc.sql("SELECT target FROM audit_log WHERE org_id = ? AND target LIKE ?").param(orgA)
                    .param("%" + longer.substring(0, 9) + "%").query(String.class).single();
            assertThat(stored).hasSize(1024);
        }
        // a refusal in the caller's own org (it can read it, may not write): in that org's log
        String name = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        assertError(member.post(org(orgA) + "/adminGroups", "{\"name\":\"" + name + "\",\"appliesTo\":\"all\"}"), 403, "insufficient_scope");
        assertThat(auditJdbc.sql("SELECT COUNT(*) FROM audit_log WHERE org_id = ? AND outcome = 'refused' AND status = 403 "
                + "AND operation = 'createAdminGroup' AND at > ?").param(orgA)
                .param(java.time.OffsetDateTime.now().minusMinutes(1)).query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }
}
