package io.secplane.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.api.ApiTestSupport;
import io.secplane.organizations.Organization.OrgType;
import io.secplane.organizations.Region;
import io.secplane.products.Products;
import io.secplane.roles.StaticRoles;
import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/** Claim codes (the operator's side) and subscriptions (an org's side): claiming, provisioning, products on and off, sharing. */
public abstract class SubscriptionsSuite extends ApiTestSupport {

    @Autowired
    Products products;
    @Autowired
    JdbcClient jdbc;

    private String mint(String body) {
        Api.Reply r = operator.post("/operator/v1/claim-codes", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("claimCode").asString();
    }

    /** A new STANDALONE org with an administrator's key. */
    private record Tenant(UUID org, Api admin) {
    }

    private Tenant newTenant(String name) {
        UUID org = UUID.randomUUID();
        organizations.insert(org, name, OrgType.STANDALONE, Region.EMEA, java.time.Instant.now());
        return new Tenant(org, keyOf(org, newUser(org, "admin", StaticRoles.ORG_ADMIN), StaticRoles.ORG_ADMIN));
    }

    @Test
    void theOperatorMintsListsAndRevokesCodes() {
        Api.Reply made = operator.post("/operator/v1/claim-codes", "{\"products\":[{\"id\":\"secure-endpoint\"},{\"id\":\"xdr\","
                + "\"entitlements\":[{\"id\":\"xdr-premier\",\"quantity\":7}]}],\"regions\":[\"NAM\",\"EMEA\",\"AUS\"]}");
        assertThat(made.status()).isEqualTo(201);
        JsonNode code = made.json();
        assertThat(code.get("claimCode").asString()).matches("CC(-[A-Z2-9]{4}){4}");
        assertThat(code.get("status").asString()).isEqualTo("unclaimed");
        assertThat(code.get("products").get(0).get("entitlements").get(0).get("id").asString()).isEqualTo("secure-endpoint-advantage");
        assertThat(code.get("products").get(1).get("entitlements").get(0).get("quantity").asInt()).isEqualTo(7);
        assertThat(made.header("Location")).endsWith(code.get("claimCode").asString());
        String c = code.get("claimCode").asString();
        assertThat(operator.get("/operator/v1/claim-codes/" + c.toLowerCase()).json()).isEqualTo(code);
        assertThat(operator.get("/operator/v1/claim-codes?max=500").raw()).contains(c);
        assertThat(operator.delete("/operator/v1/claim-codes/" + c).status()).isEqualTo(204);
        assertThat(operator.get("/operator/v1/claim-codes/" + c).json().get("status").asString()).isEqualTo("revoked");
        // refusals: a region where a product cannot live, unknown products, an org's token
        assertError(operator.post("/operator/v1/claim-codes", "{\"products\":[{\"id\":\"xdr\"}],\"regions\":[\"AUS\"]}"),
                400, "validation_failed");
        assertError(operator.post("/operator/v1/claim-codes", "{\"products\":[{\"id\":\"umbrella\"}],\"regions\":[\"NAM\"]}"),
                400, "validation_failed");
        assertError(admin.post("/operator/v1/claim-codes", "{\"products\":[{\"id\":\"xdr\"}],\"regions\":[\"NAM\"]}"),
                401, "invalid_token");
        assertError(operator.get("/operator/v1/claim-codes/CC-NONE"), 404, "not_found");
    }

    @Test
    void claimInfoAnswersWhatACodeStandsForAndSaysWhyNot() {
        String c = mint("{\"products\":[{\"id\":\"secure-endpoint\"},{\"id\":\"firewall-manager\"}],\"regions\":[\"EMEA\",\"AUS\"]}");
        Tenant t = newTenant("Info Org");
        String info = org(t.org()) + "/subscriptions/claimInfo";
        JsonNode answer = t.admin().post(info, "{\"claimCode\":\"" + c + "\"}").json();
        assertThat(answer.toString()).isEqualTo("{\"products\":[{\"id\":\"secure-endpoint\",\"name\":\"Cisco Secure Endpoint\","
                + "\"allowedRegions\":[{\"regionCode\":\"EMEA\",\"regionDescription\":\"Europe\"}]},{\"id\":\"firewall-manager\","
                + "\"name\":\"Cisco Security Cloud Control Firewall Manager\",\"allowedRegions\":[{\"regionCode\":\"EMEA\","
                + "\"regionDescription\":\"Europe\"},{\"regionCode\":\"AUS\",\"regionDescription\":\"Australia\"}]}]}");
        assertError(t.admin().post(info, "{\"claimCode\":\"CC-XXXX-XXXX-XXXX-XXXX\"}"), 404, "not_found");
        String revoked = mint("{\"products\":[{\"id\":\"xdr\"}],\"regions\":[\"NAM\"]}");
        operator.delete("/operator/v1/claim-codes/" + revoked);
        assertThat(assertError(t.admin().post(info, "{\"claimCode\":\"" + revoked + "\"}"), 400, "invalid_request")
                .get("message").asString()).contains("revoked");
        String expired = mint("{\"products\":[{\"id\":\"xdr\"}],\"regions\":[\"NAM\"]}");
        jdbc.sql("UPDATE claim_codes SET valid_until = ? WHERE code = ?")
                .param(java.time.OffsetDateTime.now().minusDays(1)).param(expired).update();
        assertThat(assertError(t.admin().post(info, "{\"claimCode\":\"" + expired + "\"}"), 400, "invalid_request")
                .get("message").asString()).contains("expired");
        assertError(member.post(org(orgA) + "/subscriptions/claimInfo", "{\"claimCode\":\"" + c + "\"}"), 403, "insufficient_scope");
    }

    @Test
    void claimingProvisionsTheChosenProductsAllOrNothing() {
        String c = mint("{\"name\":\"EU bundle\",\"products\":[{\"id\":\"secure-endpoint\"},{\"id\":\"xdr\"},"
                + "{\"id\":\"firewall-manager\"}],\"regions\":[\"EMEA\"]}");
        Tenant t = newTenant("Claiming Org");
        String subs = org(t.org()) + "/subscriptions";
        // one product in a region the code does not allow: nothing at all is provisioned
        assertError(t.admin().post(subs, "{\"claimCode\":\"" + c + "\",\"products\":[{\"id\":\"xdr\",\"regionCode\":\"EMEA\"},"
                + "{\"id\":\"secure-endpoint\",\"regionCode\":\"NAM\"}]}"), 400, "invalid_request");
        assertThat(products.find(t.org(), Products.Product.XDR)).isEmpty();
        assertThat(t.admin().get(subs).json().get("subscriptions").size()).isZero();
        Api.Reply claimed = t.admin().post(subs, "{\"claimCode\":\"" + c.toLowerCase() + "\",\"type\":\"STANDARD\","
                + "\"products\":[{\"id\":\"xdr\",\"regionCode\":\"EMEA\"},{\"id\":\"secure-endpoint\",\"regionCode\":\"EMEA\","
                + "\"regionDescription\":\"Europe\"}]}");
        assertThat(claimed.status()).as(claimed.raw()).isEqualTo(201);
        JsonNode s = claimed.json();
        assertThat(s.get("name").asString()).isEqualTo("EU bundle");
        assertThat(s.get("products").toString()).contains("\"id\":\"firewall-manager\",\"name\":\"Cisco Security Cloud Control "
                + "Firewall Manager\",\"status\":\"pending\"");
        JsonNode se = s.get("products").get(1);
        assertThat(se.get("id").asString()).isEqualTo("secure-endpoint");
        assertThat(se.get("status").asString()).isEqualTo("active");
        assertThat(se.get("regionCode").asString()).isEqualTo("EMEA");
        assertThat(se.get("tenantId").asString()).matches("[a-z0-9]{24}");
        assertThat(products.find(t.org(), Products.Product.XDR).orElseThrow().region()).isEqualTo("EMEA");
        assertThat(products.seOrganizations(t.org(), "EMEA", 0, 10).get(0).name()).isEqualTo("Claiming Org");
        String id = s.get("id").asString();
        assertThat(claimed.header("Location")).endsWith("/subscriptions/" + id);
        assertThat(t.admin().get(subs + "/" + id).json()).isEqualTo(s);
        assertThat(t.admin().get(subs + "?name=bundle").json().get("subscriptions").size()).isEqualTo(1);
        assertThat(t.admin().get(subs + "?name=nothing").json().get("subscriptions").size()).isZero();
        assertThat(operator.get("/operator/v1/claim-codes/" + c).json().get("claimedBy").asString()).isEqualTo(t.org().toString());
        // once only
        assertError(t.admin().post(subs, "{\"claimCode\":\"" + c + "\",\"products\":[{\"id\":\"xdr\",\"regionCode\":\"EMEA\"}]}"),
                409, "conflict");
        // a second code for a product the org has: useExistingTenant attaches it, a new tenant is refused
        String second = mint("{\"products\":[{\"id\":\"xdr\"}],\"regions\":[\"EMEA\",\"NAM\"]}");
        assertError(t.admin().post(subs, "{\"claimCode\":\"" + second + "\",\"products\":[{\"id\":\"xdr\",\"regionCode\":\"NAM\"}]}"),
                409, "conflict");
        assertThat(t.admin().post(subs, "{\"claimCode\":\"" + second + "\",\"products\":[{\"id\":\"xdr\",\"useExistingTenant\":true}]}")
                .json().get("products").get(0).get("regionCode").asString()).isEqualTo("EMEA");
        // the pending product is provisioned later
        JsonNode later = t.admin().put(subs + "/" + id, "{\"productId\":\"firewall-manager\",\"status\":true,\"regionCode\":\"EMEA\"}").json();
        assertThat(later.get("products").get(0).get("status").asString()).isEqualTo("active");
        // others see nothing of it
        assertError(otherAdmin.get(subs + "/" + id), 404, "not_found");
        assertError(admin.get(org(orgA) + "/subscriptions/" + id), 404, "not_found");
        assertThat(t.admin().get(org(t.org()) + "/auditLog?operation=claimSubscription").json().get("events").size()).isEqualTo(2);
    }

    @Test
    void deactivatingXdrStopsItsClientsAndActivatingBringsThemBack() {
        String c = mint("{\"products\":[{\"id\":\"xdr\"},{\"id\":\"secure-endpoint\"}],\"regions\":[\"NAM\"]}");
        Tenant t = newTenant("Switch Org");
        String subs = org(t.org()) + "/subscriptions";
        String id = t.admin().post(subs, "{\"claimCode\":\"" + c + "\",\"products\":[{\"id\":\"xdr\",\"regionCode\":\"NAM\"},"
                + "{\"id\":\"secure-endpoint\",\"regionCode\":\"NAM\"}]}").json().get("id").asString();
        UUID user = userRows.page(new io.secplane.users.UserRepository.PageQuery(t.org(), null, null, null, null, 1)).get(0).id();
        var client = ctx().getBean(io.secplane.xdr.ApiClientService.class).create(t.org(), user, "c", "admin enrich", null);
        products.setIntegration(t.org(), true);
        var tenant = new io.secplane.support.XdrFixtures.Tenant(t.org(), user, "NAM", client.client().id(), client.password());
        String se = io.secplane.support.XdrFixtures.seToken(anonymous, tenant);
        Api seApi = anonymous.onHost("api.amp.localhost").as(se);
        assertThat(seApi.get("/v3/organizations").status()).isEqualTo(200);
        t.admin().put(subs + "/" + id, "{\"productId\":\"xdr\",\"status\":false}");
        Api.Reply refused = anonymous.onHost("visibility.amp.localhost").send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString((client.client().id() + ":" + client.password()).getBytes())));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.raw()).contains("deactivated");
        t.admin().put(subs + "/" + id, "{\"productId\":\"xdr\",\"status\":true}");
        assertThat(io.secplane.support.XdrFixtures.seToken(anonymous, tenant)).startsWith("eyJ");
        JsonNode off = t.admin().put(subs + "/" + id, "{\"productId\":\"secure-endpoint\",\"status\":false}").json();
        assertThat(off.toString()).contains("\"id\":\"secure-endpoint\",\"name\":\"Cisco Secure Endpoint\",\"status\":\"inactive\"");
        assertThat(seApi.get("/v3/organizations").status()).isEqualTo(401);
        assertError(t.admin().put(subs + "/" + UUID.randomUUID(), "{\"productId\":\"xdr\",\"status\":false}"), 404, "not_found");
    }

    @Test
    void aManagerHandsOutNoMoreThanItHoldsEvenAtOnce() throws Exception {
        String c = mint("{\"products\":[{\"id\":\"firewall-manager\",\"entitlements\":[{\"id\":\"devices\",\"quantity\":100}]}],"
                + "\"regions\":[\"NAM\"]}");
        String subs = org(orgA) + "/subscriptions";
        String id = admin.post(subs, "{\"claimCode\":\"" + c + "\",\"products\":[{\"id\":\"firewall-manager\",\"regionCode\":\"NAM\"}]}")
                .json().get("id").asString();
        String m1 = admin.post("/v1/organizations", "{\"name\":\"Share one\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}").json().get("id").asString();
        String m2 = admin.post("/v1/organizations", "{\"name\":\"Share two\",\"regionCode\":\"NAM\",\"type\":\"MANAGED\"}").json().get("id").asString();
        for (int round = 0; round < 5; round++) {
            for (String m : List.of(m1, m2)) {
                admin.send("PATCH", subs + "/" + id, "{\"managedOrgId\":\"" + m + "\",\"entitlements\":[{\"id\":\"devices\",\"quantity\":0}]}",
                        "application/json", List.of());
            }
            var a = CompletableFuture.supplyAsync(() -> admin.send("PATCH", subs + "/" + id, "{\"managedOrgId\":\"" + m1
                    + "\",\"entitlements\":[{\"id\":\"devices\",\"quantity\":60}]}", "application/json", List.of()));
            var b = CompletableFuture.supplyAsync(() -> admin.send("PATCH", subs + "/" + id, "{\"managedOrgId\":\"" + m2
                    + "\",\"entitlements\":[{\"id\":\"devices\",\"quantity\":60}]}", "application/json", List.of()));
            List<Integer> statuses = List.of(a.get().status(), b.get().status());
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            JsonNode e = admin.get(subs + "/" + id).json().get("entitlements").get(0);
            assertThat(e.get("shared").asInt()).isEqualTo(60);
            assertThat(e.get("shares").size()).isEqualTo(1);
        }
        assertError(admin.send("PATCH", subs + "/" + id, "{\"managedOrgId\":\"" + orgB + "\",\"entitlements\":[{\"id\":\"devices\","
                + "\"quantity\":1}]}", "application/json", List.of()), 400, "invalid_request");
        assertError(admin.send("PATCH", subs + "/" + id, "{\"managedOrgId\":\"" + m1 + "\",\"entitlements\":[{\"id\":\"seats\","
                + "\"quantity\":1}]}", "application/json", List.of()), 400, "invalid_request");
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    private org.springframework.context.ApplicationContext ctx() {
        return context;
    }
}
