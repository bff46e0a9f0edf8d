package io.secplane.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.api.ApiTestSupport;
import io.secplane.support.Api;
import io.secplane.support.XdrFixtures;
import io.secplane.support.XdrFixtures.Tenant;

/** The IROH token endpoint to the letter of RFC 6749 5.2, API client management, and the user rule. */
public abstract class XdrSuite extends ApiTestSupport {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    JdbcClient jdbc;

    private Api iroh(String region) {
        return anonymous.onHost(XdrFixtures.irohHost(region));
    }

    private static String basic(Tenant t) {
        return "Basic " + Base64.getEncoder().encodeToString((t.clientId() + ":" + t.password()).getBytes());
    }

    private Api.Reply token(Tenant t, String body) {
        return iroh(t.region()).send("POST", "/iroh/oauth2/token", body, "application/x-www-form-urlencoded",
                List.of("Authorization", basic(t)));
    }

    private static void assertOAuthError(Api.Reply r, int status, String error) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.json().get("error").asString()).isEqualTo(error);
        assertThat(r.json().get("error_description").asString()).isNotBlank();
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.header("X-Ratelimit-Org-Limit")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientCredentialsInEveryDocumentedForm() {
        Tenant t = XdrFixtures.tenant(ctx, "EMEA", true, true, "enrich:read casebook inspect:read");
        Api.Reply basic = token(t, "grant_type=client_credentials");
        assertThat(basic.status()).isEqualTo(200);
        String orgName = jdbc.sql("SELECT name FROM organizations WHERE id = ?").param(t.orgId()).query(String.class).single();
        java.util.Map<String, Object> claims = claims(basic);
        assertThat(claims).containsEntry("iss", "IROH Auth EMEA").containsEntry("sub", t.userId().toString())
                .containsEntry("email", "user-" + t.userId() + "@example.com")
                .containsEntry(IrohTokens.CLAIMS + "user/nick", "Test User")
                .containsEntry(IrohTokens.CLAIMS + "org/id", t.orgId().toString())
                .containsEntry(IrohTokens.CLAIMS + "org/name", orgName)
                .containsEntry(IrohTokens.CLAIMS + "oauth/client/id", t.clientId());
        assertThat((List<Object>) claims.get(IrohTokens.CLAIMS + "scopes")).containsExactlyInAnyOrder("casebook", "enrich:read", "inspect:read");
        assertThat(basic.header("Cache-Control")).contains("no-store");
        assertThat(basic.header("X-Ratelimit-Org-Limit")).isEqualTo("8000");
        assertThat(Long.parseLong(basic.header("X-Ratelimit-Org-Remaining"))).isLessThan(8000);
        Api.Reply form = iroh("EMEA").send("POST", "/iroh/oauth2/token", "grant_type=client_credentials&client_id="
                + t.clientId() + "&client_secret=" + t.password(), "application/x-www-form-urlencoded", List.of());
        assertThat(form.status()).isEqualTo(200);
        Api.Reply json = iroh("EMEA").send("POST", "/iroh/oauth2/token", "{\"client_id\":\"" + t.clientId()
                + "\",\"client_password\":\"" + t.password() + "\",\"grant_type\":\"client_credentials\"}",
                "application/json", List.of());
        assertThat(json.status()).isEqualTo(200);
        Api.Reply narrower = token(t, "grant_type=client_credentials&scope=casebook:read");
        assertThat(narrower.json().get("scope").asString()).isEqualTo("casebook:read");
        assertThat(iroh("EMEA").get("/.well-known/jwks").json().get("keys").size()).isPositive();
        assertThat(iroh("EMEA").get("/.well-known/oauth-authorization-server").json().get("issuer").asString())
                .isEqualTo("IROH Auth EMEA");
    }

    @Test
    void tokenEndpointErrorsFollowRfc6749() {
        Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "enrich:read");
        assertOAuthError(token(t, ""), 400, "invalid_request");
        assertOAuthError(token(t, "grant_type=client_credentials&grant_type=client_credentials"), 400, "invalid_request");
        assertOAuthError(token(t, "grant_type=password"), 400, "unsupported_grant_type");
        assertOAuthError(token(t, "grant_type=client_credentials&scope=casebook"), 400, "invalid_scope");
        assertOAuthError(token(t, "grant_type=client_credentials&scope=nonsense"), 400, "invalid_scope");
        Api.Reply wrongBasic = iroh("NAM").send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                "application/x-www-form-urlencoded", List.of("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((t.clientId() + ":wrong").getBytes())));
        assertOAuthError(wrongBasic, 401, "invalid_client");
        assertThat(wrongBasic.header("WWW-Authenticate")).startsWith("Basic");
        Api.Reply wrongForm = iroh("NAM").send("POST", "/iroh/oauth2/token", "grant_type=client_credentials&client_id="
                + t.clientId() + "&client_secret=wrong", "application/x-www-form-urlencoded", List.of());
        assertOAuthError(wrongForm, 401, "invalid_client");
        assertThat(wrongForm.header("WWW-Authenticate")).isNull();
        assertOAuthError(iroh("NAM").send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                "application/x-www-form-urlencoded", List.of()), 401, "invalid_client");
        // a client of NAM is unknown in the other regions
        assertOAuthError(iroh("EMEA").send("POST", "/iroh/oauth2/token", "grant_type=client_credentials",
                "application/x-www-form-urlencoded", List.of("Authorization", basic(t))), 401, "invalid_client");
        Api.Reply get = iroh("NAM").send("GET", "/iroh/oauth2/token", null, null, List.of(), false);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.json().get("error").asString()).isEqualTo("method_not_allowed");
    }

    @Test
    void aClientActsForItsUserAsTheUserStandsNow() {
        Tenant t = XdrFixtures.tenant(ctx, "APJC", true, true, "admin enrich casebook:write");
        assertThat(token(t, "grant_type=client_credentials").json().get("scope").asString())
                .isEqualTo("admin enrich casebook:write");
        // the user loses the administrator role: the client narrows to reading at once
        jdbc.sql("UPDATE user_roles SET role_id = ? WHERE user_id = ?")
                .param(io.secplane.roles.StaticRoles.ORG_MEMBER).param(t.userId()).update();
        changedElsewhere();
        assertThat(token(t, "grant_type=client_credentials").json().get("scope").asString()).isEqualTo("enrich:read");
        // the org and the user are renamed: the next token names them as they are now
        jdbc.sql("UPDATE organizations SET name = 'Renamed tenant' WHERE id = ?").param(t.orgId()).update();
        jdbc.sql("UPDATE users SET first_name = 'Ada', last_name = 'Lovelace' WHERE id = ?").param(t.userId()).update();
        java.util.Map<String, Object> renamed = claims(token(t, "grant_type=client_credentials"));
        assertThat(renamed).containsEntry(IrohTokens.CLAIMS + "org/name", "Renamed tenant")
                .containsEntry(IrohTokens.CLAIMS + "user/nick", "Ada Lovelace");
        // the user is suspended: the client stops
        jdbc.sql("UPDATE users SET status = 'DISABLE' WHERE id = ?").param(t.userId()).update();
        changedElsewhere();
        assertOAuthError(token(t, "grant_type=client_credentials"), 401, "invalid_client");
    }

    @Test
    void adminScopeManagesClientsAndPasswordsAreShownOnce() {
        Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "admin");
        String adminToken = token(t, "grant_type=client_credentials").json().get("access_token").asString();
        Api admin = iroh("NAM").as(adminToken);
        Api.Reply made = admin.post("/iroh/oauth2/clients", "{\"name\":\"made\",\"scopes\":\"enrich:read inspect\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String id = made.json().get("client-id").asString();
        String password = made.json().get("password").asString();
        assertThat(password).hasSize(54).matches("[A-Za-z0-9_-]{54}");
        assertThat(admin.get("/iroh/oauth2/clients/" + id).json().has("password")).isFalse();
        assertThat(admin.get("/iroh/oauth2/clients").raw()).contains(id).doesNotContain(password);
        Tenant made2 = new Tenant(t.orgId(), t.userId(), "NAM", id, password);
        assertThat(token(made2, "grant_type=client_credentials").status()).isEqualTo(200);
        assertThat(admin.send("PATCH", "/iroh/oauth2/clients/" + id, "{\"enabled\":false}", "application/json", List.of())
                .json().get("enabled").asBoolean()).isFalse();
        assertOAuthError(token(made2, "grant_type=client_credentials"), 401, "invalid_client");
        assertThat(admin.delete("/iroh/oauth2/clients/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/iroh/oauth2/clients/" + id).status()).isEqualTo(404);
        assertThat(admin.post("/iroh/oauth2/clients", "{\"name\":\"bad\",\"scopes\":\"everything\"}").status()).isEqualTo(400);
        // without the admin scope: refused; without a token: refused
        Tenant reader = XdrFixtures.tenant(ctx, "NAM", true, true, "enrich:read");
        Api notAdmin = iroh("NAM").as(token(reader, "grant_type=client_credentials").json().get("access_token").asString());
        assertThat(notAdmin.get("/iroh/oauth2/clients").status()).isEqualTo(403);
        assertThat(iroh("NAM").get("/iroh/oauth2/clients").status()).isEqualTo(401);
        // another org's client is not there for this admin
        assertThat(admin.get("/iroh/oauth2/clients/" + reader.clientId()).status()).isEqualTo(404);
    }

    /** The privilege escalation of the first report: a token's frozen admin scope outliving its client's or user's. */
    @Test
    void theManagementApiDecidesFromTheStateNowNotFromTheToken() {
        Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "admin enrich inspect");
        Api admin = iroh("NAM").as(token(t, "grant_type=client_credentials").json().get("access_token").asString());
        assertThat(admin.post("/iroh/oauth2/clients", "{\"name\":\"narrower\",\"scopes\":\"inspect:read\"}").status())
                .isEqualTo(201);
        // the client narrows itself: the token it holds still says admin, and counts for nothing more
        assertThat(admin.send("PATCH", "/iroh/oauth2/clients/" + t.clientId(), "{\"scopes\":\"enrich:read\"}",
                "application/json", List.of()).status()).isEqualTo(200);
        assertThat(admin.get("/iroh/oauth2/clients").status()).isEqualTo(403);
        Api.Reply again = admin.post("/iroh/oauth2/clients", "{\"name\":\"escalate\",\"scopes\":\"admin\"}");
        assertThat(again.status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_clients WHERE org_id = ? AND name = 'escalate'")
                .param(t.orgId()).query(Long.class).single()).isZero();
        // the user the client acts for loses the administrator role: its admin token stops managing at once
        Tenant u = XdrFixtures.tenant(ctx, "NAM", true, true, "admin");
        Api demoted = iroh("NAM").as(token(u, "grant_type=client_credentials").json().get("access_token").asString());
        assertThat(demoted.get("/iroh/oauth2/clients").status()).isEqualTo(200);
        jdbc.sql("UPDATE user_roles SET role_id = ? WHERE user_id = ?")
                .param(io.secplane.roles.StaticRoles.ORG_MEMBER).param(u.userId()).update();
        changedElsewhere();
        assertThat(demoted.get("/iroh/oauth2/clients").status()).isEqualTo(403);
        assertThat(demoted.post("/iroh/oauth2/clients", "{\"name\":\"x\",\"scopes\":\"admin\"}").status()).isEqualTo(403);
    }

    /**
     * A change written to the database by another server process reaches this one within the
     * access cache's lifetime (one second): the wait is that bound.
     */
    private static java.util.Map<String, Object> claims(Api.Reply tokenReply) {
        assertThat(tokenReply.status()).as(tokenReply.raw()).isEqualTo(200);
        try {
            return com.nimbusds.jwt.SignedJWT.parse(tokenReply.json().get("access_token").asString()).getJWTClaimsSet().toJSONObject();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static void changedElsewhere() {
        try {
            Thread.sleep(1_100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theRateLimitIsCountedPerOrgInTheDatabase() {
        Tenant t = XdrFixtures.tenant(ctx, "NAM", true, true, "enrich:read");
        long window = System.currentTimeMillis() - Math.floorMod(System.currentTimeMillis(), 3_600_000L);
        jdbc.sql("INSERT INTO rate_counters (bucket, window_start, hits) VALUES (?, ?, 8000)")
                .param("iroh-org:" + t.orgId()).param(window).update();
        Api.Reply r = token(t, "grant_type=client_credentials");
        assertOAuthError(r, 429, "too_many_requests");
        assertThat(r.header("X-Ratelimit-Org-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 3600L);
    }

    @Test
    void theContractsAreServed() {
        assertThat(iroh("NAM").send("GET", "/iroh/openapi.yaml", null, null, List.of(), false).raw()).contains("openapi: 3.1.0");
        assertThat(anonymous.onHost("api.amp.localhost").send("GET", "/v3/openapi.yaml", null, null, List.of(), false)
                .raw()).contains("/v3/organizations");
    }
}
