package io.secplane.xdr;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.nimbusds.jwt.JWTClaimsSet;

import io.secplane.security.SigningKeys;
import io.secplane.security.TokenVerifier;

/**
 * IROH access tokens: RS256 JWTs with the documented claims, signed by a key of the region's own
 * (so a token of one region never verifies in another), 600 seconds long.
 */
@Component
public class IrohTokens {

    public static final Duration LIFETIME = Duration.ofSeconds(600);
    public static final String CLAIMS = "https://schemas.cisco.com/iroh/identity/claims/";

    /** A verified token: who it stands for. */
    public record Verified(String clientId, UUID orgId, UUID userId, String region, Set<String> scopes, Instant expires) {
    }

    private final SigningKeys keys;
    private final TokenVerifier verifier;

    public IrohTokens(SigningKeys keys, TokenVerifier verifier) {
        this.keys = keys;
        this.verifier = verifier;
    }

    public static String purpose(String region) {
        return "iroh-" + region;
    }

    public static String issuer(String region) {
        return "IROH Auth " + region;
    }

    public String issue(ApiClientService.Acting acting, Set<String> scopes) {
        Instant now = Instant.now();
        var actor = acting.actor();
        var client = acting.client();
        String nick = ((actor.firstName() == null ? "" : actor.firstName()) + " "
                + (actor.lastName() == null ? "" : actor.lastName())).trim();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer(client.region()))
                .subject(actor.userId().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID("iroh-" + io.secplane.web.RequestContext.fastUuid())
                .claim("email", actor.email())
                .claim(CLAIMS + "version", "v1.2.0")
                .claim(CLAIMS + "user/id", actor.userId().toString())
                .claim(CLAIMS + "user/email", actor.email())
                .claim(CLAIMS + "user/nick", nick.isEmpty() ? actor.email() : nick)
                .claim(CLAIMS + "user/idp/id", "secplane")
                .claim(CLAIMS + "user/idp/org-id", client.orgId().toString())
                .claim(CLAIMS + "user/idp/user-id", actor.userId().toString())
                .claim(CLAIMS + "org/id", client.orgId().toString())
                .claim(CLAIMS + "org/name", acting.orgName())
                .claim(CLAIMS + "scopes", List.copyOf(scopes))
                .claim(CLAIMS + "oauth/kind", "access-token")
                .claim(CLAIMS + "oauth/client/id", client.id())
                .build();
        SigningKeys.Active key = keys.active(purpose(client.region()));
        return key.compact(claims);
    }

    /**
     * Checks a token for use in a region ({@link TokenVerifier.Refused} when it may not be used); the
     * client and its user are the authorizer's to check.
     */
    @SuppressWarnings("unchecked")
    public Verified verify(String token, String region) {
        JWTClaimsSet c = verifier.verify(token, TokenVerifier.Kind.IROH).claims();
        String issuer = c.getIssuer();
        if (issuer == null || !issuer.startsWith("IROH Auth ") || c.getExpirationTime() == null) {
            throw new TokenVerifier.Refused(TokenVerifier.Refused.Why.MALFORMED, "The token is not an IROH access token.");
        }
        Map<String, Object> all = c.getClaims();
        Object scopes = all.get(CLAIMS + "scopes");
        Verified v;
        try {
            v = new Verified((String) all.get(CLAIMS + "oauth/client/id"),
                    UUID.fromString((String) all.get(CLAIMS + "org/id")),
                    UUID.fromString((String) all.get(CLAIMS + "user/id")),
                    issuer.substring("IROH Auth ".length()),
                    scopes instanceof List<?> l ? Set.copyOf((List<String>) l) : Set.of(),
                    c.getExpirationTime().toInstant());
        } catch (RuntimeException e) {
            throw new TokenVerifier.Refused(TokenVerifier.Refused.Why.MALFORMED, "The token is not an IROH access token.");
        }
        if (!v.region().equals(region)) {
            throw new TokenVerifier.Refused(TokenVerifier.Refused.Why.OTHER_REGION, "The token was issued in another region (" + v.region()
                    + "); credentials work in one region only.");
        }
        return v;
    }
}
