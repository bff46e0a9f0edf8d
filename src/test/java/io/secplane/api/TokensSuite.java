package io.secplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.secplane.apikeys.ApiKeyService;
import io.secplane.roles.StaticRoles;
import io.secplane.security.AccessTokens;
import io.secplane.security.SigningKeys;
import io.secplane.support.Api;
import tools.jackson.databind.JsonNode;

/** Access tokens and the refresh endpoint: rotation, theft detection, expiry, revocation, 401s. */
public abstract class TokensSuite extends ApiTestSupport {

    @Autowired
    SigningKeys signingKeys;

    private Api.Reply refresh(UUID org, UUID key, String refreshToken, String body, String contentType) {
        List<String> auth = refreshToken == null ? List.of() : List.of("Authorization", "Bearer " + refreshToken);
        return anonymous.send("POST", org(org) + "/apiKeys/" + key + "/token", body, contentType, auth);
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenRevokesTheChain() {
        ApiKeyService.Issued key = apiKeys.create(orgA, "rotating", null, null, null, List.of(StaticRoles.ORG_ADMIN));
        Api.Reply first = refresh(orgA, key.apiKeyId(), key.refreshToken(), "grant_type=refresh_token",
                "application/x-www-form-urlencoded");
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        JsonNode t = first.json();
        assertThat(t.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(t.get("expires_in").asLong()).isEqualTo(18 * 3600);
        assertThat(t.get("refresh_token_expires_in").asLong()).isEqualTo(60L * 24 * 3600);
        assertThat(t.get("permissions").toString()).contains("security:enterprise:admin");
        assertThat(first.header("Cache-Control")).contains("no-store");
        assertThat(t.get("refresh_token").asString()).isNotEqualTo(key.refreshToken());
        String newAccess = t.get("access_token").asString();
        assertThat(anonymous.as(newAccess).get(org(orgA)).status()).isEqualTo(200);

        // the newest refresh token works once more (JSON body, as SDKs send it)
        Api.Reply second = refresh(orgA, key.apiKeyId(), t.get("refresh_token").asString(),
                "{\"grant_type\":\"refresh_token\"}", "application/json");
        assertThat(second.status()).isEqualTo(200);
        String newest = second.json().get("access_token").asString();

        // the first refresh token again: refused, and every token of the chain stops
        JsonNode reuse = assertError(refresh(orgA, key.apiKeyId(), key.refreshToken(), "grant_type=refresh_token",
                "application/x-www-form-urlencoded"), 401, "invalid_token");
        assertThat(reuse.get("message").asString()).contains("already used");
        assertError(anonymous.as(newest).get(org(orgA)), 401, "invalid_token");
        assertError(anonymous.as(key.accessToken()).get(org(orgA)), 401, "invalid_token");
        assertError(refresh(orgA, key.apiKeyId(), second.json().get("refresh_token").asString(),
                "grant_type=refresh_token", "application/x-www-form-urlencoded"), 401, "invalid_token");
        // other keys are untouched
        assertThat(admin.get(org(orgA)).status()).isEqualTo(200);
    }

    @Test
    void twoRefreshesWithOneTokenAtOnceCannotBothWin() throws Exception {
        ApiKeyService.Issued key = apiKeys.create(orgA, "race", null, null, null, List.of(StaticRoles.ORG_ADMIN));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<Api.Reply> call = () -> {
                start.await();
                return refresh(orgA, key.apiKeyId(), key.refreshToken(), "grant_type=refresh_token",
                        "application/x-www-form-urlencoded");
            };
            var a = pool.submit(call);
            var b = pool.submit(call);
            start.countDown();
            List<Api.Reply> replies = List.of(a.get(), b.get());
            long ok = replies.stream().filter(r -> r.status() == 200).count();
            assertThat(ok).as("at most one refresh wins").isLessThanOrEqualTo(1);
            assertThat(replies).anyMatch(r -> r.status() == 401);
            // the second use revoked the chain: whatever the winner got is dead too
            for (Api.Reply r : replies) {
                if (r.status() == 200) {
                    assertError(anonymous.as(r.json().get("access_token").asString()).get(org(orgA)), 401, "invalid_token");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refreshRefusesWhatItShould() {
        ApiKeyService.Issued key = apiKeys.create(orgA, "refusals", null, null, null, List.of(StaticRoles.ORG_MEMBER));
        assertError(refresh(orgA, key.apiKeyId(), key.refreshToken(), "grant_type=password",
                "application/x-www-form-urlencoded"), 400, "unsupported_grant_type");
        assertError(refresh(orgA, key.apiKeyId(), key.refreshToken(), "", "application/x-www-form-urlencoded"),
                400, "invalid_request");
        Api.Reply noAuth = refresh(orgA, key.apiKeyId(), null, "grant_type=refresh_token", "application/x-www-form-urlencoded");
        assertError(noAuth, 401, "invalid_token");
        assertThat(noAuth.header("WWW-Authenticate")).startsWith("Bearer");
        assertError(refresh(orgA, adminKeyId, key.refreshToken(), "grant_type=refresh_token",
                "application/x-www-form-urlencoded"), 401, "invalid_token");
        assertError(refresh(orgB, key.apiKeyId(), key.refreshToken(), "grant_type=refresh_token",
                "application/x-www-form-urlencoded"), 401, "invalid_token");
        assertError(refresh(orgA, key.apiKeyId(), "garbage", "grant_type=refresh_token",
                "application/x-www-form-urlencoded"), 401, "invalid_token");
        // none of that used the token up: a member key's refresh works and keeps member scope
        Api.Reply ok = refresh(orgA, key.apiKeyId(), key.refreshToken(), "grant_type=refresh_token",
                "application/json");
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.json().get("permissions").toString()).doesNotContain("admin");
    }

    @Test
    void disabledKeysStopAtOnceAndComeBackWhenEnabled() {
        ApiKeyService.Issued key = apiKeys.create(orgA, "toggle", null, null, null, List.of(StaticRoles.ORG_ADMIN));
        Api api = anonymous.as(key.accessToken());
        assertThat(api.get(org(orgA)).status()).isEqualTo(200);
        apiKeys.update(orgA, key.apiKeyId(), null, null, false);
        assertThat(assertError(api.get(org(orgA)), 401, "invalid_token").get("message").asString()).contains("disabled");
        assertError(refresh(orgA, key.apiKeyId(), key.refreshToken(), "grant_type=refresh_token",
                "application/x-www-form-urlencoded"), 401, "invalid_token");
        apiKeys.update(orgA, key.apiKeyId(), null, null, true);
        assertThat(api.get(org(orgA)).status()).isEqualTo(200);
    }

    @Test
    void expiredKeysAreRefused() {
        ApiKeyService.Issued key = apiKeys.create(orgA, "short", null, Instant.now().minusSeconds(1), null,
                List.of(StaticRoles.ORG_ADMIN));
        assertThat(assertError(anonymous.as(key.accessToken()).get(org(orgA)), 401, "invalid_token")
                .get("message").asString()).contains("expired");
    }

    @Test
    void badTokensAre401WithABearerChallenge() throws Exception {
        Api.Reply none = anonymous.get("/v1/organizations");
        assertError(none, 401, "invalid_token");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        Api.Reply junk = anonymous.as("not-a-jwt").get("/v1/organizations");
        assertError(junk, 401, "invalid_token");
        assertThat(junk.header("WWW-Authenticate")).contains("error=");
        String good = apiKeys.create(orgA, "t", null, null, null, List.of(StaticRoles.ORG_ADMIN)).accessToken();
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertError(anonymous.as(tampered).get("/v1/organizations"), 401, "invalid_token");
        // correctly signed, but expired
        SignedJWT base = SignedJWT.parse(good);
        JWTClaimsSet claims = new JWTClaimsSet.Builder(base.getJWTClaimsSet())
                .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build();
        SigningKeys.Active k = signingKeys.active(AccessTokens.PURPOSE);
        SignedJWT expired = SignedJWT.parse(k.compact(claims));
        assertThat(assertError(anonymous.as(expired.serialize()).get("/v1/organizations"), 401, "invalid_token")
                .get("message").asString()).contains("expired");
        Api.Reply basic = anonymous.send("GET", "/v1/organizations", null, null, List.of("Authorization", "Basic Zm9vOmJhcg=="));
        assertError(basic, 401, "invalid_token");
        // correctly signed, valid, but not an access token of this server: refused at every request
        // (what a verified token names is kept with it; a refusal is not)
        for (JWTClaimsSet other : List.of(
                new JWTClaimsSet.Builder(base.getJWTClaimsSet()).claim("token_use", "refresh").build(),
                new JWTClaimsSet.Builder(base.getJWTClaimsSet()).issuer("https://elsewhere.example").build(),
                new JWTClaimsSet.Builder(base.getJWTClaimsSet()).claim("org_id", "not-an-id").build())) {
            String token = k.compact(other);
            for (int i = 0; i < 2; i++) {
                assertThat(assertError(anonymous.as(token).get(org(orgA)), 401, "invalid_token").get("message").asString())
                        .as("%s, request %d", other.toJSONObject(), i).isEqualTo("The token is not a Secplane access token.");
            }
        }
        // and the token they were made from still names its key, at every request
        for (int i = 0; i < 2; i++) {
            assertThat(anonymous.as(good).get(org(orgA)).json().get("id").asString()).isEqualTo(orgA.toString());
        }
    }

    @Test
    void jwksPublishesTheKeyThatSignsTokens() throws Exception {
        String kid = SignedJWT.parse(apiKeys.create(orgA, "j", null, null, null, List.of(StaticRoles.ORG_ADMIN))
                .accessToken()).getHeader().getKeyID();
        Api.Reply jwks = anonymous.get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().get("keys").toString()).contains(kid).doesNotContain("\"d\"");
    }

    @Test
    void aRotatedSigningKeyStillVerifiesTokensInFlight() {
        String before = apiKeys.create(orgA, "pre", null, null, null, List.of(StaticRoles.ORG_ADMIN)).accessToken();
        signingKeys.rotate(AccessTokens.PURPOSE);
        String after = apiKeys.create(orgA, "post", null, null, null, List.of(StaticRoles.ORG_ADMIN)).accessToken();
        assertThat(anonymous.as(before).get(org(orgA)).status()).isEqualTo(200);
        assertThat(anonymous.as(after).get(org(orgA)).status()).isEqualTo(200);
        assertThat(anonymous.get("/.well-known/jwks.json").json().get("keys").size()).isGreaterThanOrEqualTo(2);
    }
}
