package io.secplane.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.secplane.api.ApiTestSupport;
import io.secplane.products.Products;
import io.secplane.security.SigningKeys;
import io.secplane.support.Api;
import io.secplane.support.XdrFixtures;
import io.secplane.support.XdrFixtures.Tenant;
import tools.jackson.databind.JsonNode;

/** The Secure Endpoint token exchange's refusals, v3 paging, and the rate-limit headers on every answer. */
public abstract class SecureEndpointSuite extends ApiTestSupport {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    SigningKeys keys;
    @Autowired
    Products products;

    private String irohToken(Tenant t) {
        return anonymous.onHost(XdrFixtures.irohHost(t.region())).send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString((t.clientId() + ":" + t.password()).getBytes())))
                .json().get("access_token").asString();
    }

    private Api se(String region) {
        return anonymous.onHost(XdrFixtures.seHost(region));
    }

    private static String refusal(Api.Reply r, int status) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.header("X-RateLimit-Limit")).isNotNull();
        assertThat(r.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(r.header("X-RateLimit-Reset")).isNotNull();
        assertThat(r.header("X-RateLimit-ResetDate")).isNotNull();
        JsonNode item = r.json().get("errors").get(0);
        assertThat(item.get("error_code").asInt()).isEqualTo(status);
        return item.get("details").get(0).asString();
    }

    private Api.Reply exchange(String region, String token, String body) {
        return se(region).send("POST", "/v3/access_tokens", body, body == null ? null : "application/x-www-form-urlencoded",
                token == null ? List.of() : List.of("Authorization", "Bearer " + token));
    }

    @Test
    void theExchangeAcceptsAFormOrNoBodyAndPagesOrganizations() {
        Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "inspect:read", "Org A", "Org B", "Org C");
        String iroh = irohToken(t);
        assertThat(exchange("NAM", iroh, "grant_type=client_credentials").status()).isEqualTo(200);
        Api.Reply noBody = exchange("NAM", iroh, null);
        assertThat(noBody.status()).isEqualTo(200);
        Api api = se("NAM").as(noBody.json().get("access_token").asString());
        Api.Reply page = api.get("/v3/organizations?start=1&size=1");
        assertThat(page.json().get("meta").toString()).isEqualTo("{\"start\":1,\"size\":1,\"total\":3}");
        assertThat(page.json().get("data").get(0).get("name").asString()).isEqualTo("Org B");
        Api.Reply formOnGet = api.send("GET", "/v3/organizations", "start=2&size=5", "application/x-www-form-urlencoded", List.of());
        assertThat(formOnGet.json().get("meta").toString()).isEqualTo("{\"start\":2,\"size\":5,\"total\":3}");
        assertThat(formOnGet.json().get("data")).hasSize(1);
        String id = formOnGet.json().get("data").get(0).get("organizationIdentifier").asString();
        assertThat(api.get("/v3/organizations/" + id).json().get("data").get("name").asString()).isEqualTo("Org C");
        assertThat(refusal(api.get("/v3/organizations?size=0"), 400)).contains("size");
        assertThat(refusal(api.get("/v3/organizations?start=-1"), 400)).contains("start");
        assertThat(refusal(api.get("/v3/organizations?size=ten"), 400)).contains("whole number");
        // another tenant's organizations are not there
        Tenant other = XdrFixtures.tenant(ctx, "NAM", true, true, "inspect:read", "Theirs");
        Api theirs = se("NAM").as(exchange("NAM", irohToken(other), null).json().get("access_token").asString());
        assertThat(theirs.get("/v3/organizations").json().get("meta").get("total").asInt()).isEqualTo(1);
        refusal(theirs.get("/v3/organizations/" + id), 404);
    }

    @Test
    void theExchangeRefusesWhatItShouldAndSaysWhy() throws Exception {
        Tenant t = XdrFixtures.tenant(ctx, "EMEA", true, true, "inspect:read", "Org");
        String iroh = irohToken(t);
        assertThat(refusal(exchange("EMEA", null, "grant_type=client_credentials"), 401)).contains("No IROH access token");
        String[] parts = iroh.split("\\.");
        assertThat(refusal(exchange("EMEA", parts[0] + "." + parts[1] + ".AAAA" + parts[2].substring(4), null), 401))
                .contains("signature");
        SignedJWT parsed = SignedJWT.parse(iroh);
        JWTClaimsSet expiredClaims = new JWTClaimsSet.Builder(parsed.getJWTClaimsSet())
                .expirationTime(Date.from(Instant.now().minusSeconds(60))).build();
        SigningKeys.Active k = keys.active(IrohTokens.purpose("EMEA"));
        SignedJWT expired = SignedJWT.parse(k.compact(expiredClaims));
        assertThat(refusal(exchange("EMEA", expired.serialize(), null), 401)).contains("expired");
        assertThat(refusal(exchange("NAM", iroh, null), 401)).contains("another region");
        products.setIntegration(t.orgId(), false);
        assertThat(refusal(exchange("EMEA", iroh, null), 403)).contains("Integrate Now").contains("Integrations");
        products.setIntegration(t.orgId(), true);
        assertThat(exchange("EMEA", iroh, null).status()).isEqualTo(200);
        Tenant noSe = XdrFixtures.tenant(ctx, "EMEA", true, true, "inspect:read");
        ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("DELETE FROM org_products WHERE org_id = ? AND product = 'SECURE_ENDPOINT'").param(noSe.orgId()).update();
        assertThat(refusal(exchange("EMEA", irohToken(noSe), null), 403)).contains("not provisioned");
        assertThat(refusal(se("EMEA").get("/v3/organizations"), 401)).contains("No access token");
        assertThat(refusal(se("EMEA").as("junk").get("/v3/organizations"), 401)).contains("not a Secure Endpoint");
    }

    @Test
    void theIntegrationIsAnApiCallForAnXdrAdmin() {
        Tenant t = XdrFixtures.tenant(ctx, "APJC", true, false, "admin inspect:read", "Org");
        String iroh = irohToken(t);
        assertThat(refusal(exchange("APJC", iroh, null), 403)).contains("not enabled");
        Api.Reply on = anonymous.onHost(XdrFixtures.irohHost("APJC")).as(iroh)
                .post("/iroh/integrations/secure-endpoint", "{\"enabled\":true}");
        assertThat(on.status()).as(on.raw()).isEqualTo(200);
        assertThat(on.json().get("enabled").asBoolean()).isTrue();
        assertThat(exchange("APJC", iroh, null).status()).isEqualTo(200);
    }
}
