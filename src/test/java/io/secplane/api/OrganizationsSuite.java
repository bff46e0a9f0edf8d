package io.secplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/** Organizations: the seed's shapes, filters, cursor paging, create and merge-update, tenancy. */
public abstract class OrganizationsSuite extends ApiTestSupport {

    private UUID createManaged(String name, String region) {
        Api.Reply r = admin.post("/v1/organizations",
                "{\"name\":\"" + name + "\",\"regionCode\":\"" + region + "\",\"type\":\"MANAGED\"}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return UUID.fromString(r.json().get("id").asString());
    }

    @Test
    void seedStepsTwoAndThreeReturnTheSeedShapes() {
        Api.Reply list = admin.get("/v1/organizations");
        assertThat(list.status()).isEqualTo(200);
        JsonNode first = list.json().get("organizations").get(0);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("id", "name", "type");
        Api.Reply get = admin.get(org(orgA));
        assertThat(get.status()).isEqualTo(200);
        JsonNode o = get.json();
        assertThat(o.propertyNames()).containsExactly("id", "name", "regionCode", "regionDescription", "created",
                "type", "managedOrgIds", "managerOrgIds");
        assertThat(o.get("id").asString()).isEqualTo(orgA.toString());
        assertThat(o.get("regionCode").asString()).isEqualTo("NAM");
        assertThat(o.get("regionDescription").asString()).isEqualTo("North America");
        assertThat(o.get("type").asString()).isEqualTo("MANAGER");
        assertThat(o.get("created").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void createManagedOrgLinksItToTheManagerBothWays() {
        UUID child = createManaged("Child Co", "EMEA");
        JsonNode c = admin.get(org(child)).json();
        assertThat(c.get("type").asString()).isEqualTo("MANAGED");
        assertThat(c.get("regionCode").asString()).isEqualTo("EMEA");
        assertThat(c.get("regionDescription").asString()).isEqualTo("Europe");
        assertThat(c.get("managerOrgIds").get(0).asString()).isEqualTo(orgA.toString());
        assertThat(admin.get(org(orgA)).json().get("managedOrgIds").toString()).contains(child.toString());
        // the managed org's own admin cannot see its manager
        Api childAdmin = anonymous.as(apiKeys.create(child, "c", null, null, null,
                List.of(io.secplane.roles.StaticRoles.ORG_ADMIN)).accessToken());
        assertError(childAdmin.get(org(orgA)), 404, "not_found");
        assertThat(childAdmin.get(org(child)).status()).isEqualTo(200);
    }

    @Test
    void cursorPagingWalksEveryOrgOnceInOrder() {
        String prefix = "Page-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        Set<UUID> made = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            made.add(createManaged(prefix + i, "NAM"));
        }
        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page = admin.get("/v1/organizations?name=" + prefix.toLowerCase() + "&max=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("organizations").forEach(o -> names.add(o.get("name").asString()));
            cursor = page.json().has("cursor") ? page.json().get("cursor").asString() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4, prefix + 5, prefix + 6);
        List<String> desc = new ArrayList<>();
        admin.get("/v1/organizations?name=" + prefix + "&sortBy=name&order=DESC").json().get("organizations")
                .forEach(o -> desc.add(o.get("name").asString()));
        assertThat(desc).containsExactly(prefix + 6, prefix + 5, prefix + 4, prefix + 3, prefix + 2, prefix + 1, prefix + 0);
        JsonNode byCreated = admin.get("/v1/organizations?name=" + prefix + "&sortBy=created&max=4").json();
        assertThat(byCreated.get("organizations")).hasSize(4);
        JsonNode rest = admin.get("/v1/organizations?name=" + prefix + "&sortBy=created&max=4&cursor="
                + byCreated.get("cursor").asString()).json();
        assertThat(rest.get("organizations")).hasSize(3);
        assertThat(rest.has("cursor")).isFalse();
        // a cursor made for one sort is refused for another
        assertError(admin.get("/v1/organizations?sortBy=name&cursor=" + byCreated.get("cursor").asString()),
                400, "invalid_request");
        assertError(admin.get("/v1/organizations?cursor=not-a-cursor"), 400, "invalid_request");
    }

    @Test
    void filtersNarrowTheList() {
        UUID eu = createManaged("Filter EU " + UUID.randomUUID(), "EMEA");
        List<String> emea = new ArrayList<>();
        admin.get("/v1/organizations?regionCode=EMEA&max=500").json().get("organizations")
                .forEach(o -> emea.add(o.get("id").asString()));
        assertThat(emea).contains(eu.toString()).doesNotContain(orgA.toString(), orgB.toString());
        List<String> managers = new ArrayList<>();
        admin.get("/v1/organizations?type=MANAGER").json().get("organizations")
                .forEach(o -> managers.add(o.get("id").asString()));
        assertThat(managers).containsExactly(orgA.toString());
        List<String> managedByA = new ArrayList<>();
        admin.get("/v1/organizations?managerOrgId=" + orgA + "&max=500").json().get("organizations")
                .forEach(o -> managedByA.add(o.get("id").asString()));
        assertThat(managedByA).contains(eu.toString()).doesNotContain(orgA.toString());
        assertThat(admin.get("/v1/organizations?name=zzzz-no-such").json().get("organizations")).isEmpty();
    }

    @Test
    void badListParametersAre400sThatNameTheParameter() {
        assertThat(assertError(admin.get("/v1/organizations?max=0"), 400, "validation_failed")
                .get("message").asString()).contains("max");
        assertError(admin.get("/v1/organizations?max=501"), 400, "validation_failed");
        assertError(admin.get("/v1/organizations?max=ten"), 400, "validation_failed");
        assertThat(assertError(admin.get("/v1/organizations?type=BIG"), 400, "validation_failed")
                .get("details").get(0).get("field").asString()).isEqualTo("type");
        assertError(admin.get("/v1/organizations?regionCode=MARS"), 400, "validation_failed");
        assertError(admin.get("/v1/organizations?sortBy=secret"), 400, "validation_failed");
        assertError(admin.get("/v1/organizations?order=UP"), 400, "validation_failed");
        assertError(admin.get("/v1/organizations?managerOrgId=nope"), 400, "validation_failed");
    }

    @Test
    void createRefusesBadBodiesAndWritesNothing() {
        long before = admin.get("/v1/organizations?max=500").json().get("organizations").size();
        JsonNode missing = assertError(admin.post("/v1/organizations", "{\"type\":\"MANAGED\"}"), 400, "validation_failed");
        assertThat(missing.get("details").toString()).contains("name").contains("regionCode");
        assertError(admin.post("/v1/organizations", "{\"name\":\"x\",\"regionCode\":\"NAM\",\"type\":\"MANAGER\"}"),
                400, "validation_failed");
        assertError(admin.post("/v1/organizations", "{\"name\":\"x\",\"regionCode\":\"NAM\",\"type\":\"SOMETHING\"}"),
                400, "validation_failed");
        assertError(admin.post("/v1/organizations", "{\"name\":\"" + "n".repeat(256) + "\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}"),
                400, "validation_failed");
        assertError(admin.post("/v1/organizations", "{\"name\":"), 400, "invalid_request");
        assertThat(assertError(admin.post("/v1/organizations", "[1,2]"), 400, "validation_failed")
                .get("message").asString()).contains("array found, object expected");
        assertError(admin.post("/v1/organizations", ""), 400, "invalid_request");
        assertError(admin.send("POST", "/v1/organizations", "name=x", "text/plain", List.of()), 415, "unsupported_media_type");
        assertThat(admin.get("/v1/organizations?max=500").json().get("organizations").size()).isEqualTo(before);
    }

    @Test
    void putMergesTheFieldsItIsGiven() {
        UUID id = createManaged("Before Rename", "APJC");
        Api.Reply r = admin.put(org(id), "{\"name\":\"After Rename\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("name").asString()).isEqualTo("After Rename");
        assertThat(r.json().get("regionCode").asString()).isEqualTo("APJC");
        assertThat(r.json().get("managerOrgIds").get(0).asString()).isEqualTo(orgA.toString());
        assertThat(admin.get(org(id)).json().get("name").asString()).isEqualTo("After Rename");
        assertThat(admin.put(org(id), "{}").json().get("name").asString()).isEqualTo("After Rename");
        assertError(admin.put(org(id), "{\"regionCode\":\"NAM\"}"), 400, "validation_failed");
        assertError(admin.put(org(id), "{\"name\":\"  \"}"), 400, "validation_failed");
        assertThat(admin.get(org(id)).json().get("name").asString()).isEqualTo("After Rename");
    }

    @Test
    void aTokenSeesOnlyItsOrgAndTheOrgsItManages() {
        List<String> seenByA = new ArrayList<>();
        admin.get("/v1/organizations?max=500").json().get("organizations").forEach(o -> seenByA.add(o.get("id").asString()));
        assertThat(seenByA).contains(orgA.toString()).doesNotContain(orgB.toString());
        List<String> seenByB = new ArrayList<>();
        otherAdmin.get("/v1/organizations").json().get("organizations").forEach(o -> seenByB.add(o.get("id").asString()));
        assertThat(seenByB).containsExactly(orgB.toString());
        JsonNode hidden = assertError(admin.get(org(orgB)), 404, "not_found");
        JsonNode absent = assertError(admin.get(org(UUID.randomUUID())), 404, "not_found");
        assertThat(hidden.get("message").asString().replace(orgB.toString(), "X"))
                .isEqualTo(absent.get("message").asString().replaceAll("[0-9a-f-]{36}", "X"));
        assertError(otherAdmin.put(org(orgA), "{\"name\":\"hijack\"}"), 404, "not_found");
        assertThat(admin.get(org(orgA)).json().get("name").asString()).isNotEqualTo("hijack");
    }

    @Test
    void memberScopeReadsButDoesNotWrite() {
        assertThat(member.get(org(orgA)).status()).isEqualTo(200);
        Api.Reply r = member.put(org(orgA), "{\"name\":\"by member\"}");
        assertError(r, 403, "insufficient_scope");
        assertThat(r.header("WWW-Authenticate")).contains("insufficient_scope");
        assertError(member.post("/v1/organizations", "{\"name\":\"m\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}"),
                403, "insufficient_scope");
    }
}
