package io.secplane.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.secplane.api.ApiTestSupport;
import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/** Network objects and groups on the org's regional host: values, names, groups, searches, versions, deletes. */
public abstract class ObjectsSuite extends ApiTestSupport {

    private static final String JSON = "application/json";

    /** The bootstrap org is in NAM: its objects are on api.us. */
    private Api us() {
        return admin.onHost("api.us.security.localhost");
    }

    private String base() {
        return org(orgA);
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode object(String name, String literal) {
        Api.Reply r = us().post(base() + "/networks", "{\"name\":\"" + name + "\",\"value\":{\"objectType\":\"NETWORK_OBJECT\","
                + "\"defaultContent\":{\"literal\":\"" + literal + "\"}}}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.header("ETag")).isEqualTo("\"1\"");
        return r.json();
    }

    private Api.Reply group(String name, List<String> literals, List<String> refs) {
        StringBuilder lits = new StringBuilder();
        for (String l : literals) {
            lits.append(lits.isEmpty() ? "" : ",").append("{\"literal\":\"").append(l).append("\"}");
        }
        return us().post(base() + "/networkGroups", "{\"name\":\"" + name + "\",\"labels\":[\"lab\"],\"value\":{\"defaultContent\":"
                + "{\"literals\":[" + lits + "],\"referencedObjectUids\":[" + String.join(",", refs.stream().map(x -> "\"" + x + "\"")
                .toList()) + "]}}}");
    }

    @Test
    void valuesAreValidatedAndNormalised() {
        JsonNode host = object(unique("Host"), "10.2.3.4");
        assertThat(host.get("value").get("defaultContent").get("literal").asString()).isEqualTo("10.2.3.4");
        assertThat(host.get("elements").toString()).isEqualTo("[\"10.2.3.4\"]");
        assertThat(host.get("version").asInt()).isEqualTo(1);
        assertThat(object(unique("V6"), "2001:0DB8:0:0:0:0:0:0001").get("value").get("defaultContent").get("literal").asString())
                .isEqualTo("2001:db8::1");
        assertThat(object(unique("FQDN"), "WWW.Example.COM").get("elements").get(0).asString()).isEqualTo("www.example.com");
        assertThat(object(unique("Range"), "10.9.0.1-10.9.0.20").get("elements").get(0).asString()).isEqualTo("10.9.0.1-10.9.0.20");
        JsonNode bad = assertError(us().post(base() + "/networks", "{\"name\":\"Bad net\",\"value\":{\"defaultContent\":"
                + "{\"literal\":\"10.0.0.1/24\"}}}"), 400, "validation_failed");
        assertThat(bad.toString()).contains("10.0.0.0/24");
        assertError(us().post(base() + "/networks", "{\"name\":\"Bad range\",\"value\":{\"defaultContent\":"
                + "{\"literal\":\"10.0.0.9-10.0.0.1\"}}}"), 400, "validation_failed");
        String name = unique("Twice");
        object(name, "10.0.0.7");
        assertError(us().post(base() + "/networks", "{\"name\":\"" + name.toUpperCase() + "\",\"value\":{\"defaultContent\":"
                + "{\"literal\":\"10.0.0.8\"}}}"), 409, "conflict");
        // a group may share an object's name: names are unique per type
        assertThat(group(name, List.of("10.0.0.8"), List.of()).status()).isEqualTo(201);
        Api.Reply got = us().get(base() + "/objects/" + host.get("uid").asString());
        assertThat(got.json()).isEqualTo(host);
        assertThat(got.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void groupsNestFlattenAndNeverContainThemselves() {
        String a = object(unique("A"), "10.20.0.1").get("uid").asString();
        Api.Reply inner = group(unique("Inner"), List.of("10.30.0.0/16"), List.of(a));
        assertThat(inner.status()).as(inner.raw()).isEqualTo(201);
        String innerId = inner.json().get("uid").asString();
        JsonNode outer = group(unique("Outer"), List.of("2001:db8::/32"), List.of(innerId)).json();
        assertThat(outer.get("elements").toString()).isEqualTo("[\"2001:db8::/32\",\"10.30.0.0/16\",\"10.20.0.1\"]");
        assertThat(outer.get("references").get(0).get("uid").asString()).isEqualTo(innerId);
        assertThat(outer.get("labels").toString()).isEqualTo("[\"lab\"]");
        // Inner -> Outer would close a cycle: refused, the chain named
        JsonNode cycle = assertError(us().put(base() + "/networkGroups/" + innerId, "{\"value\":{\"defaultContent\":{\"literals\":"
                + "[{\"literal\":\"10.30.0.0/16\"}],\"referencedObjectUids\":[\"" + a + "\",\"" + outer.get("uid").asString()
                + "\"]}}}"), 400, "validation_failed");
        assertThat(cycle.get("message").asString()).contains("cannot contain itself").contains(" -> ");
        assertError(group(unique("Ghost"), List.of(), List.of(UUID.randomUUID().toString())), 400, "validation_failed");
        assertError(group(unique("Empty"), List.of(), List.of()), 400, "validation_failed");
        assertThat(us().get(base() + "/objects/" + a + "/usage").json().get("items").get(0).get("uid").asString()).isEqualTo(innerId);
    }

    @Test
    void searchesFilterAndPage() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String net = object("Search net " + tag, "10.77.0.0/16").get("uid").asString();
        String host = object("Search host " + tag, "10.77.3.4").get("uid").asString();
        object("Search other " + tag, "192.168.77.1");
        String g = group("Search group " + tag, List.of(), List.of(host)).json().get("uid").asString();
        String top = group("Search top " + tag, List.of(), List.of(g)).json().get("uid").asString();
        JsonNode contains = us().get(base() + "/objects?contains=10.77.3.4&name=" + tag).json();
        List<String> ids = new ArrayList<>();
        contains.get("items").forEach(i -> ids.add(i.get("uid").asString()));
        assertThat(ids).containsExactlyInAnyOrder(net, host, g, top);
        JsonNode overlaps = us().get(base() + "/objects?overlaps=10.77.3.0/24&type=NETWORK_OBJECT&name=" + tag).json();
        assertThat(overlaps.get("count").asInt()).isEqualTo(2);
        assertThat(us().get(base() + "/objects?contains=10.76.0.0/15&name=" + tag).json().get("count").asInt()).isZero();
        JsonNode page = us().get(base() + "/objects?name=search&limit=2&offset=1&value=10.77").json();
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("count").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
        assertError(us().get(base() + "/objects?limit=201"), 400, "validation_failed");
        assertError(us().get(base() + "/objects?contains=www.example.com"), 400, "validation_failed");
        assertError(us().get(base() + "/objects?contains=10.0.0.1/8"), 400, "validation_failed");
    }

    @Test
    void theQueryIsLucenesSyntaxReadByLucenesParser() {
        String tag = "q" + UUID.randomUUID().toString().substring(0, 6);
        object("Lab " + tag + " one", "10.2.1.1");
        object("Lab " + tag + " two", "10.3.1.1");
        object("Office " + tag, "10.2.9.9");
        java.util.function.Function<String, List<String>> names = q -> {
            JsonNode page = us().get(base() + "/objects?limit=200&q=" + java.net.URLEncoder.encode(q,
                    java.nio.charset.StandardCharsets.UTF_8)).json();
            List<String> out = new ArrayList<>();
            page.get("items").forEach(i -> out.add(i.get("name").asString()));
            return out;
        };
        assertThat(names.apply("name:lab*" + tag + "* AND content:10.2.*")).containsExactly("Lab " + tag + " one");
        assertThat(names.apply("name:*" + tag + "* AND NOT content:10.2.*")).containsExactly("Lab " + tag + " two");
        assertThat(names.apply("(content:10.3.* OR content:10.2.9.9) AND name:*" + tag + "*"))
                .containsExactly("Lab " + tag + " two", "Office " + tag);
        assertThat(names.apply("name:\"office " + tag + "\"")).containsExactly("Office " + tag);
        JsonNode bad = assertError(us().get(base() + "/objects?q=" + java.net.URLEncoder.encode("name:(lab AND",
                java.nio.charset.StandardCharsets.UTF_8)), 400, "validation_failed");
        assertThat(bad.get("message").asString()).contains("column");
        assertThat(assertError(us().get(base() + "/objects?q=owner:me"), 400, "validation_failed").get("message").asString())
                .contains("'owner'");
        assertError(us().get(base() + "/objects?q=" + java.net.URLEncoder.encode("name:[a TO c]",
                java.nio.charset.StandardCharsets.UTF_8)), 400, "validation_failed");
    }

    @Test
    void versionsGuardUpdatesAndUsedObjectsNeedForce() {
        String name = unique("Guarded");
        JsonNode o = object(name, "10.40.0.1");
        String id = o.get("uid").asString();
        String g = group(unique("User of guarded"), List.of(), List.of(id)).json().get("uid").asString();
        Api.Reply renamed = us().send("PUT", base() + "/networks/" + id, "{\"description\":\"first\"}", JSON,
                List.of("If-Match", "\"1\""));
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");
        assertThat(renamed.json().get("name").asString()).isEqualTo(name);
        JsonNode stale = assertError(us().send("PUT", base() + "/networks/" + id, "{\"description\":\"second\"}", JSON,
                List.of("If-Match", "\"1\"")), 412, "precondition_failed");
        assertThat(stale.get("message").asString()).contains("\"2\"");
        assertThat(us().get(base() + "/objects/" + id).json().get("description").asString()).isEqualTo("first");
        JsonNode used = assertError(us().delete(base() + "/networks/" + id), 409, "conflict");
        assertThat(used.get("message").asString()).contains("User of guarded").contains("forcedDelete");
        assertError(us().delete(base() + "/networkGroups/" + id), 404, "not_found");
        assertThat(us().delete(base() + "/networks/" + id + "?forcedDelete=true").status()).isEqualTo(204);
        JsonNode after = us().get(base() + "/objects/" + g).json();
        assertThat(after.get("value").get("defaultContent").get("referencedObjectUids").size()).isZero();
        assertThat(after.get("version").asInt()).isEqualTo(2);
        assertError(us().get(base() + "/objects/" + id), 404, "not_found");
    }

    @Test
    void aThousandObjectsAreCreatedAtOnceOrNone() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        StringBuilder body = new StringBuilder("{\"objects\":[");
        for (int i = 0; i < 1000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\":\"Bulk ").append(tag).append(' ').append(i)
                    .append("\",\"value\":{\"defaultContent\":{\"literal\":\"10.").append(100 + i / 250).append('.')
                    .append(i % 250).append(".0/24\"}}}");
        }
        String good = body + "]}";
        // the same, with two refusals: a bad network and a name given twice
        String bad = good.replace("\"10.100.7.0/24\"", "\"10.100.7.1/24\"").replace("Bulk " + tag + " 9\"", "Bulk " + tag + " 8\"");
        JsonNode refused = assertError(us().post(base() + "/networks/bulk", bad), 400, "validation_failed");
        assertThat(refused.get("details").toString()).contains("/objects/7/value/defaultContent/literal").contains("/objects/9/name");
        assertThat(us().get(base() + "/objects?name=Bulk " .replace(" ", "%20") + tag).json().get("count").asInt()).isZero();
        Api.Reply made = us().post(base() + "/networks/bulk", good);
        assertThat(made.status()).as(made.raw().substring(0, Math.min(500, made.raw().length()))).isEqualTo(201);
        assertThat(made.json().get("count").asInt()).isEqualTo(1000);
        assertThat(made.json().get("items").get(999).get("name").asString()).isEqualTo("Bulk " + tag + " 999");
        assertThat(us().get(base() + "/objects?limit=1&name=Bulk%20" + tag).json().get("count").asInt()).isEqualTo(1000);
        assertThat(us().get(base() + "/objects?contains=10.103.249.7&name=Bulk%20" + tag).json().get("items").get(0)
                .get("name").asString()).isEqualTo("Bulk " + tag + " 999");
    }

    @Test
    void objectsStayOnTheirOrgsRegionalHostAndInTheirOrg() {
        String id = object(unique("Regional"), "10.50.0.1").get("uid").asString();
        assertThat(assertError(admin.onHost("api.eu.security.localhost").get(base() + "/objects/" + id), 404, "not_found")
                .get("message").asString()).contains("NAM");
        assertError(admin.send("GET", base() + "/objects/" + id, null, JSON, List.of(), false), 404, "not_found");
        assertError(otherAdmin.onHost("api.us.security.localhost").get(base() + "/objects/" + id), 404, "not_found");
        assertError(member.onHost("api.us.security.localhost").post(base() + "/networks", "{\"name\":\"m\",\"value\":"
                + "{\"defaultContent\":{\"literal\":\"10.0.0.1\"}}}"), 403, "insufficient_scope");
        assertThat(member.onHost("api.us.security.localhost").get(base() + "/objects/" + id).status()).isEqualTo(200);
    }

    /**
     * Issue 21, item 1: a member's searches with many wildcards over long names (H2's LIKE backtracks
     * exponentially on them and cannot be cancelled) take every pooled connection at once, while
     * another org's reads run beside them: those all answer within 10 s, the searches answer with the
     * right rows, and the server answers normally afterwards.
     */
    @Test
    void theWorstSearchesStallNoOtherTenant() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9]", "q");
        String longName = "a".repeat(250);
        if (us().get(base() + "/objects?name=" + longName).json().get("count").asInt() == 0) {
            object(longName, "10.99.0.1");
        }
        for (int i = 0; i < 40; i++) {
            object("a".repeat(230) + tag + i, "10.99.1." + (i + 1));
        }
        Api otherEu = otherAdmin.onHost("api.eu.security.localhost").withTimeout(java.time.Duration.ofSeconds(10));
        Api.Reply made = otherEu.post(org(orgB) + "/networks", "{\"name\":\"B host " + tag + "\",\"value\":{\"defaultContent\":"
                + "{\"literal\":\"10.1.2.3\"}}}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String bObject = made.json().get("uid").asString();
        Api searcher = member.onHost("api.us.security.localhost").withTimeout(java.time.Duration.ofSeconds(10));
        String worst = java.net.URLEncoder.encode("*a*a*a*a*a*a*a*a*b", java.nio.charset.StandardCharsets.UTF_8);
        String matching = java.net.URLEncoder.encode("*a*a*a*a*a*a*a*a*" + tag + "1?", java.nio.charset.StandardCharsets.UTF_8);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(24);
        try {
            List<java.util.concurrent.Future<Api.Reply>> searches = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String q = i % 2 == 0 ? worst : matching;
                searches.add(pool.submit(() -> searcher.get(base() + "/objects?q=" + q)));
            }
            List<java.util.concurrent.Future<Api.Reply>> others = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                others.add(pool.submit(() -> otherEu.get(org(orgB) + "/objects/" + bObject)));
            }
            for (var f : others) {
                Api.Reply r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.status()).as(r.raw()).isEqualTo(200);
                assertThat(r.json().get("uid").asString()).isEqualTo(bObject);
            }
            for (int i = 0; i < searches.size(); i++) {
                Api.Reply r = searches.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.status()).as(r.raw()).isEqualTo(200);
                // the worst finds nothing (no name ends in b); the other finds tag10..tag19 (and not tag1)
                assertThat(r.json().get("count").asInt()).isEqualTo(i % 2 == 0 ? 0 : 10);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(us().get(base() + "/objects?q=" + java.net.URLEncoder.encode("a*" + tag + "3",
                java.nio.charset.StandardCharsets.UTF_8)).json().get("count").asInt()).isEqualTo(1);
    }
}
