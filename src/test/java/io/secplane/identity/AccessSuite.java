package io.secplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.secplane.api.ApiTestSupport;
import io.secplane.organizations.Organization.OrgType;
import io.secplane.organizations.Region;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what, decided at each request: roles granted and taken away through the API, admin
 * groups and their reach, custom roles, API keys made through the API, the organizations a caller
 * creates, and the audit log that records it all.
 */
public abstract class AccessSuite extends ApiTestSupport {

    private static final String JSON = "application/json";

    private UUID newOrg(String name, OrgType type) {
        UUID id = UUID.randomUUID();
        organizations.insert(id, name, type, Region.NAM, java.time.Instant.now());
        return id;
    }

    @Test
    void aRoleRemovedThroughTheApiNarrowsALiveTokenOnItsNextRequest() {
        UUID u = newUser(orgA, "demoted", StaticRoles.ORG_ADMIN);
        Api key = keyOf(orgA, u, StaticRoles.ORG_ADMIN);
        assertThat(key.post(org(orgA) + "/adminGroups", "{\"name\":\"before-" + u + "\"}").status()).isEqualTo(201);
        String memberRole = org(orgA) + "/roles/" + StaticRoles.ORG_MEMBER;
        String adminRole = org(orgA) + "/roles/" + StaticRoles.ORG_ADMIN;
        JsonNode add = admin.send("PATCH", memberRole, "{\"users\":[{\"operation\":\"add\",\"id\":\"" + u + "\"}]}", JSON, List.of()).json();
        assertThat(add.get("summary").get("success").asInt()).isEqualTo(1);
        JsonNode remove = admin.send("PATCH", adminRole, "{\"users\":[{\"operation\":\"remove\",\"id\":\""
                + userRows.find(orgA, u).orElseThrow().email() + "\"}]}", JSON, List.of()).json();
        assertThat(remove.get("summary").get("success").asInt()).isEqualTo(1);
        assertThat(remove.get("results").get(0).get("kind").asString()).isEqualTo("user");
        // the same token, the very next request: it reads, it no longer writes
        assertThat(key.get(org(orgA)).status()).isEqualTo(200);
        assertThat(assertError(key.post(org(orgA) + "/adminGroups", "{\"name\":\"after-" + u + "\"}"), 403,
                "insufficient_scope").get("message").asString()).contains("read-only");
        assertThat(admin.get(org(orgA) + "/users/" + u).json().get("roles").toString())
                .contains("Organization Member").doesNotContain("Organization Administrator");
    }

    @Test
    void customRolesHaveNoApiAccessUnlessGranted() {
        Api.Reply made = admin.post(org(orgA) + "/roles", "{\"displayName\":\"Auditor " + UUID.randomUUID() + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        assertThat(made.json().get("type").asString()).isEqualTo("CUSTOM");
        assertThat(made.json().get("apiAccess").asString()).isEqualTo("NONE");
        UUID custom = UUID.fromString(made.json().get("id").asString());
        assertThat(admin.get(org(orgA) + "/roles?type=CUSTOM").raw()).contains(custom.toString());
        assertThat(admin.get(org(orgA) + "/roles?type=STATIC").json().get("roles").size()).isEqualTo(2);
        assertThat(admin.get(org(orgA) + "/roles/" + custom).json().get("displayName").asString()).startsWith("Auditor");
        UUID u = newUser(orgA, "custom", custom);
        Api key = keyOf(orgA, u, StaticRoles.ORG_MEMBER);
        assertThat(assertError(key.get(org(orgA)), 403, "insufficient_scope").get("message").asString()).contains("no API");
        // another org does not see, nor assign, this org's custom role
        assertError(otherAdmin.get(org(orgB) + "/roles/" + custom), 404, "not_found");
        assertError(admin.post(org(orgA) + "/roles", "{\"displayName\":\"Organization Administrator\"}"), 409, "conflict");
        assertError(admin.post(org(orgA) + "/roles", "{\"displayName\":\"Writer\",\"apiAccess\":\"WRITE\"}"), 400, "validation_failed");
        assertError(member.post(org(orgA) + "/roles", "{\"displayName\":\"By member\"}"), 403, "insufficient_scope");
    }

    @Test
    void adminGroupsGiveTheirRolesWhereTheirAppliesToReaches() {
        UUID manager = newOrg("MSP " + UUID.randomUUID(), OrgType.MANAGER);
        UUID boss = newUser(manager, "boss", StaticRoles.ORG_ADMIN);
        Api bossKey = keyOf(manager, boss, StaticRoles.ORG_ADMIN);
        UUID m1 = UUID.fromString(bossKey.post("/v1/organizations", "{\"name\":\"Managed one\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}").json().get("id").asString());
        UUID m2 = UUID.fromString(bossKey.post("/v1/organizations", "{\"name\":\"Managed two\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}").json().get("id").asString());
        UUID tech = newUser(manager, "tech");
        Api techKey = keyOf(manager, tech, StaticRoles.ORG_ADMIN);
        // no role of its own: the technician reaches nothing
        assertError(techKey.get(org(m1)), 404, "not_found");
        assertError(techKey.get(org(manager)), 403, "insufficient_scope");
        String group = bossKey.post(org(manager) + "/adminGroups", "{\"name\":\"Techs\",\"appliesTo\":\"selected_managed\"}")
                .json().get("id").asString();
        String techEmail = userRows.find(manager, tech).orElseThrow().email();
        JsonNode change = bossKey.send("PATCH", org(manager) + "/adminGroups/" + group, "{\"users\":[{\"operation\":\"add\",\"id\":\""
                + techEmail + "\"}],\"managedOrg\":[{\"operation\":\"add\",\"id\":\"" + m1 + "\"},{\"operation\":\"add\",\"id\":\""
                + orgB + "\"}],\"roles\":[{\"operation\":\"add\",\"id\":\"" + StaticRoles.ORG_ADMIN + "\"}]}", JSON, List.of()).json();
        assertThat(change.get("summary").get("success").asInt()).isEqualTo(3);
        assertThat(change.get("summary").get("failed").asInt()).isEqualTo(1);
        assertThat(change.get("results").get(2).get("errorDescription").asString()).contains("not managed");
        // selected_managed: the listed managed org only
        assertThat(techKey.put(org(m1), "{\"name\":\"Managed one, renamed\"}").status()).isEqualTo(200);
        assertError(techKey.get(org(m2)), 404, "not_found");
        assertError(techKey.get(org(manager)), 403, "insufficient_scope");
        assertThat(bossKey.get(org(manager) + "/adminGroups/" + group + "/managedOrgs").json().get("managedOrgs").toString())
                .contains(m1.toString()).doesNotContain(m2.toString());
        assertThat(bossKey.get(org(manager) + "/adminGroups/" + group + "/users").json().get("users").toString()).contains(techEmail);
        assertThat(bossKey.get(org(manager) + "/adminGroups/" + group + "/roles").json().get("roles").get(0).get("id").asString())
                .isEqualTo(StaticRoles.ORG_ADMIN.toString());
        assertThat(bossKey.get(org(manager) + "/users/" + tech + "/groups").json().get("adminGroups").get(0).get("id").asString())
                .isEqualTo(group);
        assertThat(bossKey.get(org(manager) + "/users?groupId=" + group).json().get("users").size()).isEqualTo(1);
        // all: the manager org and every org it manages
        bossKey.put(org(manager) + "/adminGroups/" + group, "{\"appliesTo\":\"all\"}");
        assertThat(techKey.get(org(m2)).status()).isEqualTo(200);
        assertThat(techKey.get(org(manager)).status()).isEqualTo(200);
        assertThat(techKey.get("/v1/organizations").json().get("organizations").size()).isEqualTo(3);
        // manager: the manager org only
        bossKey.put(org(manager) + "/adminGroups/" + group, "{\"appliesTo\":\"manager\"}");
        assertError(techKey.get(org(m1)), 404, "not_found");
        assertThat(techKey.get(org(manager)).status()).isEqualTo(200);
        // out of the group: nothing again; the group deleted: nothing
        bossKey.send("PATCH", org(manager) + "/adminGroups/" + group, "{\"users\":[{\"operation\":\"remove\",\"id\":\""
                + techEmail + "\"}]}", JSON, List.of());
        assertError(techKey.get(org(manager)), 403, "insufficient_scope");
        assertThat(bossKey.delete(org(manager) + "/adminGroups/" + group).status()).isEqualTo(204);
        assertError(bossKey.get(org(manager) + "/adminGroups/" + group), 404, "not_found");
    }

    @Test
    void twoAdminsAddingMembersAtOnceLoseNone() throws Exception {
        String group = admin.post(org(orgA) + "/adminGroups", "{\"name\":\"Race " + UUID.randomUUID() + "\"}").json().get("id").asString();
        List<String> emails = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            emails.add(userRows.find(orgA, newUser(orgA, "race" + i, StaticRoles.ORG_MEMBER)).orElseThrow().email());
        }
        Api second = keyOf(orgA, newUser(orgA, "second-admin", StaticRoles.ORG_ADMIN), StaticRoles.ORG_ADMIN);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Api.Reply>> all = new java.util.ArrayList<>();
            for (int i = 0; i < emails.size(); i++) {
                Api who = i % 2 == 0 ? admin : second;
                String body = "{\"users\":[{\"operation\":\"add\",\"id\":\"" + emails.get(i) + "\"}]}";
                all.add(CompletableFuture.supplyAsync(() -> who.send("PATCH", org(orgA) + "/adminGroups/" + group, body,
                        JSON, List.of()), pool));
            }
            for (CompletableFuture<Api.Reply> f : all) {
                assertThat(f.get().json().get("summary").get("success").asInt()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        String members = admin.get(org(orgA) + "/adminGroups/" + group + "/users?max=500").raw();
        for (String e : emails) {
            assertThat(members).contains(e);
        }
    }

    @Test
    void apiKeysMadeThroughTheApiShowTheirTokensOnceAndStopWhenDisabledOrDeleted() {
        Api.Reply made = admin.post(org(orgA) + "/apiKeys", "{\"name\":\"ci\",\"description\":\"for CI\",\"roles\":[\""
                + StaticRoles.ORG_MEMBER + "\"]}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        assertThat(made.header("Cache-Control")).isEqualTo("no-store");
        JsonNode key = made.json().get("apiKey");
        String id = key.get("id").asString();
        String access = made.json().get("access_token").asString();
        assertThat(key.get("status").asString()).isEqualTo("ENABLED");
        assertThat(key.has("expiresAt")).isFalse();
        assertThat(key.get("roles").get(0).get("displayName").asString()).isEqualTo("Organization Member");
        Api ci = anonymous.as(access);
        assertThat(ci.get(org(orgA)).status()).isEqualTo(200);
        assertError(ci.post(org(orgA) + "/adminGroups", "{\"name\":\"by ci\"}"), 403, "insufficient_scope");
        // the refresh token works at the refresh endpoint, and the tokens are never shown again
        Api.Reply refreshed = anonymous.send("POST", org(orgA) + "/apiKeys/" + id + "/token", "grant_type=refresh_token",
                "application/x-www-form-urlencoded", List.of("Authorization", "Bearer " + made.json().get("refresh_token").asString()));
        assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
        assertThat(refreshed.json().get("permissions").toString()).contains("member").doesNotContain("admin");
        JsonNode got = admin.get(org(orgA) + "/apiKeys/" + id).json();
        assertThat(got.get("name").asString()).isEqualTo("ci");
        assertThat(got.get("description").asString()).isEqualTo("for CI");
        assertThat(got.has("createdBy")).as("the key acts for the administrator who made it").isTrue();
        String listed = admin.get(org(orgA) + "/apiKeys").raw();
        assertThat(listed).contains(id).doesNotContain(access).doesNotContain("refresh_token");
        assertThat(admin.put(org(orgA) + "/apiKeys/" + id, "{\"enabled\":false}").json().get("status").asString()).isEqualTo("DISABLED");
        assertError(ci.get(org(orgA)), 401, "invalid_token");
        assertThat(admin.put(org(orgA) + "/apiKeys/" + id, "{\"enabled\":true}").json().get("status").asString()).isEqualTo("ENABLED");
        assertThat(ci.get(org(orgA)).status()).isEqualTo(200);
        assertThat(admin.delete(org(orgA) + "/apiKeys/" + id).status()).isEqualTo(204);
        assertError(ci.get(org(orgA)), 401, "invalid_token");
        assertError(admin.get(org(orgA) + "/apiKeys/" + id), 404, "not_found");
        // bad keys
        assertError(admin.post(org(orgA) + "/apiKeys", "{\"name\":\"x\",\"roles\":[]}"), 400, "validation_failed");
        assertError(admin.post(org(orgA) + "/apiKeys", "{\"name\":\"x\",\"roles\":[\"" + UUID.randomUUID() + "\"]}"), 400, "validation_failed");
        assertError(admin.post(org(orgA) + "/apiKeys", "{\"name\":\"x\",\"expiresAt\":\"2001-01-01T00:00:00Z\",\"roles\":[\""
                + StaticRoles.ORG_ADMIN + "\"]}"), 400, "validation_failed");
        assertError(member.get(org(orgA) + "/apiKeys"), 403, "insufficient_scope");
    }

    @Test
    void anOrganizationAnApiKeyCreatesStaysReachableToIt() {
        UUID home = newOrg("Creator home " + UUID.randomUUID(), OrgType.STANDALONE);
        UUID maker = newUser(home, "maker", StaticRoles.ORG_ADMIN);
        Api key = keyOf(home, maker, StaticRoles.ORG_ADMIN);
        Api.Reply created = key.post("/v1/organizations", "{\"name\":\"SDK made\",\"regionCode\":\"EMEA\",\"type\":\"STANDALONE\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        // Cisco's SDK creates, then renames
        assertThat(key.put("/v1/organizations/" + id, "{\"name\":\"SDK made, renamed\"}").json().get("name").asString())
                .isEqualTo("SDK made, renamed");
        assertThat(key.get("/v1/organizations").raw()).contains(id);
        assertError(otherAdmin.get("/v1/organizations/" + id), 404, "not_found");
    }

    /**
     * Issue 21, item 3: the maker of a STANDALONE org is a user of it the org's administrators see
     * (status SHARED), counted as its administrator, and removable by them once it has another; the
     * audit log names it.
     */
    @Test
    void theMakerOfAStandaloneOrgIsASharedUserItsAdministratorsSeeAndRemove() {
        UUID home = newOrg("Maker home " + UUID.randomUUID(), OrgType.STANDALONE);
        UUID maker = newUser(home, "maker", StaticRoles.ORG_ADMIN);
        String makerEmail = userRows.find(home, maker).orElseThrow().email();
        Api key = keyOf(home, maker, StaticRoles.ORG_ADMIN);
        String b = key.post("/v1/organizations", "{\"name\":\"Made by a key\",\"regionCode\":\"NAM\",\"type\":\"STANDALONE\"}")
                .json().get("id").asString();
        String users = "/v1/organizations/" + b + "/users";

        // listed with the org's users, as SHARED, holding the administrator role there
        JsonNode listed = key.get(users).json().get("users");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(maker.toString());
        assertThat(listed.get(0).get("email").asString()).isEqualTo(makerEmail);
        assertThat(listed.get(0).get("status").asString()).isEqualTo("SHARED");
        assertThat(listed.get(0).get("roles").toString()).contains(StaticRoles.ORG_ADMIN.toString());
        assertThat(key.get(users + "?status=SHARED").json().get("users").size()).isEqualTo(1);
        assertThat(key.get(users + "?status=ACTIVE").json().get("users").size()).isZero();
        assertThat(key.get(users + "/" + maker).json().get("status").asString()).isEqualTo("SHARED");
        // in its own org it is what it was
        assertThat(key.get("/v1/organizations/" + home + "/users/" + maker).json().get("status").asString()).isEqualTo("ACTIVE");
        // the audit log of the new org says who it is
        assertThat(key.get("/v1/organizations/" + b + "/auditLog?max=50").raw())
                .contains("shared into this organization as its administrator: " + makerEmail);

        // counted as the org's one administrator: it cannot remove itself yet
        JsonNode alone = key.send("PATCH", users, "{\"users\":[{\"email\":\"" + makerEmail + "\",\"operation\":\"remove\"}]}",
                "application/json", List.of()).json().get("results").get(0);
        assertThat(alone.get("status").asString()).isEqualTo("failed");
        assertThat(alone.get("errorDescription").asString()).contains("without an active administrator");

        // once the org has an administrator of its own, that one sees and removes the maker
        UUID own = newUser(UUID.fromString(b), "own-admin", StaticRoles.ORG_ADMIN);
        Api ownKey = keyOf(UUID.fromString(b), own, StaticRoles.ORG_ADMIN);
        assertError(ownKey.put(users + "/" + maker, "{\"firstName\":\"Renamed\"}"), 409, "conflict");
        JsonNode suspend = ownKey.send("PATCH", users, "{\"users\":[{\"email\":\"" + makerEmail + "\",\"operation\":\"disable\"}]}",
                "application/json", List.of()).json().get("results").get(0);
        assertThat(suspend.get("status").asString()).isEqualTo("failed");
        assertThat(suspend.get("errorDescription").asString()).contains("only 'remove' applies here");
        JsonNode removed = ownKey.send("PATCH", users, "{\"users\":[{\"email\":\"" + makerEmail + "\",\"operation\":\"remove\"}]}",
                "application/json", List.of()).json().get("results").get(0);
        assertThat(removed.get("status").asString()).as(removed.toString()).isEqualTo("success");
        JsonNode after = ownKey.get(users).json().get("users");
        assertThat(after.size()).isEqualTo(1);
        assertThat(after.get(0).get("id").asString()).isEqualTo(own.toString());
        assertError(ownKey.get(users + "/" + maker), 404, "not_found");
        // the maker's key reaches the org no more; its account in its own org is untouched
        assertThat(key.get("/v1/organizations/" + b).status()).isIn(403, 404);
        assertThat(key.get("/v1/organizations/" + home + "/users/" + maker).json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_roles WHERE user_id = ? AND org_id = ?").param(maker)
                .param(UUID.fromString(b)).query(Long.class).single()).isZero();
        assertThat(ownKey.get("/v1/organizations/" + b + "/auditLog?max=50").raw())
                .contains("shared user " + makerEmail + " removed from this organization");
    }

    @Test
    void theAuditLogRecordsChangesAndRefusalsWithoutSecrets() {
        String name = "Audited " + UUID.randomUUID();
        String group = admin.post(org(orgA) + "/adminGroups", "{\"name\":\"" + name + "\"}").json().get("id").asString();
        assertError(member.post(org(orgA) + "/adminGroups", "{\"name\":\"refused\"}"), 403, "insufficient_scope");
        Api.Reply made = admin.post(org(orgA) + "/apiKeys", "{\"name\":\"audited\",\"roles\":[\"" + StaticRoles.ORG_MEMBER + "\"]}");
        JsonNode events = admin.get(org(orgA) + "/auditLog?max=50").json().get("events");
        String all = events.toString();
        assertThat(all).contains("adminGroups/" + group).contains("createAdminGroup").contains("createApiKey")
                .contains("\"outcome\":\"refused\"").contains("\"status\":403")
                .doesNotContain(made.json().get("access_token").asString())
                .doesNotContain(made.json().get("refresh_token").asString());
        JsonNode first = events.get(0);
        assertThat(first.get("actor").get("kind").asString()).isEqualTo("API_KEY");
        assertThat(first.get("actor").has("userId")).as("the user the key acts for").isTrue();
        assertThat(first.get("address").asString()).isEqualTo("127.0.0.1");
        JsonNode filtered = admin.get(org(orgA) + "/auditLog?operation=createAdminGroup").json().get("events");
        filtered.forEach(e -> assertThat(e.get("operation").asString()).isEqualTo("createAdminGroup"));
        assertThat(filtered.size()).isPositive();
        JsonNode page = admin.get(org(orgA) + "/auditLog?max=1").json();
        JsonNode next = admin.get(org(orgA) + "/auditLog?max=1&cursor=" + page.get("cursor").asString()).json();
        assertThat(next.get("events").get(0).get("id")).isNotEqualTo(page.get("events").get(0).get("id"));
        assertError(member.get(org(orgA) + "/auditLog"), 403, "insufficient_scope");
        assertError(otherAdmin.get(org(orgA) + "/auditLog"), 404, "not_found");
    }
}
