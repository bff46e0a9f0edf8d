package io.secplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.secplane.access.AccessResolver;
import io.secplane.access.Principal;
import io.secplane.api.ApiTestSupport;
import io.secplane.organizations.Organization.OrgType;
import io.secplane.organizations.Region;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Reach at the size of a managed service provider: a manager of more organizations than a database
 * statement can bind values, and an org with more objects than that, listed and searched by page;
 * a change forgets only the callers it may affect. What a caller may do is remembered for a minute
 * here (a second by default), so that what a change forgets, and only that, is what is read again.
 */
@org.springframework.test.context.TestPropertySource(properties = "secplane.tokens.key-status-cache-ttl=60s")
public abstract class ReachSuite extends ApiTestSupport {

    /** More than PostgreSQL binds in one statement (65,535). */
    private static final int MANY = 66_000;

    @Autowired
    private JdbcTemplate template;
    @Autowired
    private AccessResolver resolver;

    @Test
    void aManagerOfMoreOrgsThanAStatementBindsListsReadsAndSearchesThemByPage() {
        UUID manager = UUID.randomUUID();
        organizations.insert(manager, "Scale zz MSP " + manager, OrgType.MANAGER, Region.NAM, Instant.now());
        UUID boss = newUser(manager, "boss", StaticRoles.ORG_ADMIN);
        Api bossKey = keyOf(manager, boss, StaticRoles.ORG_ADMIN);
        String tag = manager.toString().substring(0, 8);
        List<UUID> managed = new ArrayList<>();
        List<Object[]> orgs = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < MANY; i++) {
            UUID id = UUID.randomUUID();
            managed.add(id);
            orgs.add(new Object[] {id, "Scale " + tag + " " + String.format("%05d", i), "MANAGED", "NAM", now, now});
            links.add(new Object[] {manager, id, now, "Scale " + tag + " " + String.format("%05d", i), now});
        }
        template.batchUpdate("INSERT INTO organizations (id, name, type, region_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", orgs);
        template.batchUpdate("INSERT INTO org_managers (manager_id, managed_id, created_at, managed_name, managed_created_at, "
                + "managed_type, managed_region_code) VALUES (?, ?, ?, ?, ?, 'MANAGED', 'NAM')", links);

        // the first page and the last, by name, both of the right orgs in the right order
        JsonNode first = bossKey.get("/v1/organizations?max=50").json();
        assertThat(first.get("organizations").size()).isEqualTo(50);
        assertThat(first.get("organizations").get(0).get("name").asString()).isEqualTo("Scale " + tag + " 00000");
        assertThat(first.get("organizations").get(49).get("name").asString()).isEqualTo("Scale " + tag + " 00049");
        JsonNode next = bossKey.get("/v1/organizations?max=50&cursor=" + first.get("cursor").asString()).json();
        assertThat(next.get("organizations").get(0).get("name").asString()).isEqualTo("Scale " + tag + " 00050");
        JsonNode last = bossKey.get("/v1/organizations?max=50&order=DESC").json();
        // the manager's own org sorts after "Scale <hex> 65999" ("Scale zz MSP"), then the managed ones
        assertThat(last.get("organizations").get(0).get("id").asString()).isEqualTo(manager.toString());
        assertThat(last.get("organizations").get(1).get("name").asString())
                .isEqualTo("Scale " + tag + " " + String.format("%05d", MANY - 1));
        UUID far = managed.get(MANY - 7);
        assertThat(bossKey.get(org(far)).json().get("name").asString()).isEqualTo("Scale " + tag + " " + String.format("%05d", MANY - 7));
        // another tenant's admin reaches none of them
        assertError(otherAdmin.get(org(far)), 404, "not_found");
        assertThat(otherAdmin.get("/v1/organizations?max=200").raw()).doesNotContain(tag);

        // a technician in a manager group (its own org) and a selected_managed group of two of them:
        // those three, and nothing else
        UUID tech = newUser(manager, "tech");
        Api techKey = keyOf(manager, tech, StaticRoles.ORG_ADMIN);
        String techEmail = userRows.find(manager, tech).orElseThrow().email();
        for (String body : List.of("{\"name\":\"Home\",\"appliesTo\":\"manager\"}",
                "{\"name\":\"Two\",\"appliesTo\":\"selected_managed\"}")) {
            String group = bossKey.post(org(manager) + "/adminGroups", body).json().get("id").asString();
            String orgsOfIt = body.contains("Two") ? ",\"managedOrg\":[{\"operation\":\"add\",\"id\":\"" + managed.get(3)
                    + "\"},{\"operation\":\"add\",\"id\":\"" + far + "\"}]" : "";
            JsonNode change = bossKey.send("PATCH", org(manager) + "/adminGroups/" + group, "{\"users\":[{\"operation\":\"add\","
                    + "\"id\":\"" + techEmail + "\"}]" + orgsOfIt + ",\"roles\":[{\"operation\":\"add\",\"id\":\""
                    + StaticRoles.ORG_MEMBER + "\"}]}", "application/json", List.of()).json();
            assertThat(change.get("summary").get("failed").asInt()).as(change.toString()).isZero();
        }
        JsonNode techs = techKey.get("/v1/organizations?max=50").json();
        assertThat(techs.get("organizations").size()).as(techs.toString()).isEqualTo(3);
        assertThat(techs.get("organizations").get(0).get("id").asString()).isEqualTo(managed.get(3).toString());
        assertThat(techs.get("organizations").get(1).get("id").asString()).isEqualTo(far.toString());
        assertThat(techs.get("organizations").get(2).get("id").asString()).isEqualTo(manager.toString());
        assertThat(techKey.get(org(far)).status()).isEqualTo(200);
        assertError(techKey.put(org(far), "{\"name\":\"not mine to change\"}"), 403, "insufficient_scope");
        assertError(techKey.get(org(managed.get(4))), 404, "not_found");

        // an org with more objects than a statement binds: a search by address that matches them all, by page
        UUID withObjects = managed.get(0);
        List<Object[]> objects = new ArrayList<>();
        List<Object[]> literals = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            UUID id = UUID.randomUUID();
            String name = String.format("host-%05d", i);
            String ip = "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
            String key = io.secplane.objects.NetworkValue.key(4, java.math.BigInteger.valueOf((10L << 24) + i));
            objects.add(new Object[] {id, withObjects, "NETWORK_OBJECT", name, name, now, now});
            literals.add(new Object[] {id, withObjects, ip, key, key});
        }
        template.batchUpdate("INSERT INTO network_objects (id, org_id, kind, name, name_key, version, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, 1, ?, ?)", objects);
        template.batchUpdate("INSERT INTO network_literals (object_id, position, org_id, literal, value_kind, low_key, high_key) "
                + "VALUES (?, 0, ?, ?, 'HOST', ?, ?)", literals);
        Api us = bossKey.onHost("api.us.security.localhost");
        Api.Reply all = us.get(org(withObjects) + "/objects?overlaps=0.0.0.0/0&limit=50&offset=" + (MANY - 50));
        assertThat(all.status()).as(all.raw()).isEqualTo(200);
        assertThat(all.json().get("count").asInt()).isEqualTo(MANY);
        assertThat(all.json().get("items").size()).isEqualTo(50);
        assertThat(all.json().get("items").get(49).get("name").asString()).isEqualTo(String.format("host-%05d", MANY - 1));
        // no host holds a whole network; 128 hosts are in it
        Api.Reply inside = us.get(org(withObjects) + "/objects?contains=10.0.1.0/25");
        assertThat(inside.status()).as(inside.raw()).isEqualTo(200);
        assertThat(inside.json().get("count").asInt()).isEqualTo(0);
        JsonNode within = us.get(org(withObjects) + "/objects?overlaps=10.0.1.0/25&limit=200").json();
        assertThat(within.get("count").asInt()).isEqualTo(128);
        assertThat(within.get("items").get(0).get("name").asString()).isEqualTo("host-00256");
    }

    @Test
    void aChangeForgetsOnlyTheCallersItMayAffect() {
        UUID a = newUser(orgA, "kept", StaticRoles.ORG_MEMBER);
        var aIssued = apiKeys.create(orgA, "kept", null, null, a, List.of(StaticRoles.ORG_MEMBER));
        Api aKey = anonymous.as(aIssued.accessToken());
        UUID b = newUser(orgB, "changed", StaticRoles.ORG_ADMIN);
        var bIssued = apiKeys.create(orgB, "changed", null, null, b, List.of(StaticRoles.ORG_ADMIN));
        Api bKey = anonymous.as(bIssued.accessToken());
        assertThat(aKey.get(org(orgA)).status()).isEqualTo(200);
        assertThat(bKey.get(org(orgB)).status()).isEqualTo(200);
        assertThat(resolver.remembers(Principal.Kind.API_KEY, aIssued.apiKeyId().toString())).isTrue();
        // a change of orgB's members: orgB's callers look again, orgA's do not
        UUID other = newUser(orgB, "second-admin", StaticRoles.ORG_ADMIN);
        String email = userRows.find(orgB, b).orElseThrow().email();
        JsonNode demoted = bKey.send("PATCH", org(orgB) + "/roles/" + StaticRoles.ORG_ADMIN, "{\"users\":[{\"operation\":\"remove\","
                + "\"id\":\"" + email + "\"}]}", "application/json", List.of()).json();
        assertThat(demoted.get("summary").get("success").asInt()).as(demoted.toString()).isEqualTo(1);
        assertThat(other).isNotNull();
        // orgB's key is looked at again (it lost its role); orgA's member is answered from what was decided before
        assertThat(resolver.remembers(Principal.Kind.API_KEY, bIssued.apiKeyId().toString())).isFalse();
        assertThat(resolver.remembers(Principal.Kind.API_KEY, aIssued.apiKeyId().toString())).isTrue();
        assertThat(aKey.get(org(orgA)).status()).isEqualTo(200);
        assertError(bKey.get(org(orgB)), 403, "insufficient_scope");
        // a manager's first managed org makes its callers look again (they now reach further than their
        // own org); the next ones change nobody's grants: nothing is forgotten, and the manager reaches
        // each at its next request
        UUID manager = UUID.randomUUID();
        organizations.insert(manager, "Forget-not MSP", OrgType.MANAGER, Region.NAM, Instant.now());
        Api bossKey = keyOf(manager, newUser(manager, "boss", StaticRoles.ORG_ADMIN), StaticRoles.ORG_ADMIN);
        assertThat(bossKey.get("/v1/organizations").json().get("organizations").size()).isEqualTo(1);
        String firstMade = bossKey.post("/v1/organizations", "{\"name\":\"First managed\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}")
                .json().get("id").asString();
        assertThat(bossKey.get("/v1/organizations/" + firstMade).json().get("name").asString()).isEqualTo("First managed");
        long before = resolver.loads();
        String made = bossKey.post("/v1/organizations", "{\"name\":\"New managed\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}")
                .json().get("id").asString();
        assertThat(bossKey.get("/v1/organizations/" + made).json().get("name").asString()).isEqualTo("New managed");
        assertThat(bossKey.get("/v1/organizations").json().get("organizations").size()).isEqualTo(3);
        assertThat(aKey.get(org(orgA)).status()).isEqualTo(200);
        assertThat(resolver.loads()).isEqualTo(before);
    }
}
