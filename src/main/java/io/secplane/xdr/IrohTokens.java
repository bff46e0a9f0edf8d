package io.secplane.xdr;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.secplane.security.SigningKeys;

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

    /** Why a presented token is refused. */
    public static final class Refused extends RuntimeException {
        public enum Why { MALFORMED, SIGNATURE, EXPIRED, OTHER_REGION }

        private final Why why;

        Refused(Why why, String message) {
            super(message, null, false, false);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    private final SigningKeys keys;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(LIFETIME.plusMinutes(1)).build();

    public IrohTokens(SigningKeys keys) {
        this.keys = keys;
    }

    public static String purpose(String region) {
        return "iroh-" + region;
    }

    public static String issuer(String region) {
        return "IROH Auth " + region;
    }

    public String issue(ApiClientService.Acting acting, Set<String> scopes, String orgName) {
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
                .claim(CLAIMS + "org/name", orgName)
                .claim(CLAIMS + "scopes", List.copyOf(scopes))
                .claim(CLAIMS + "oauth/kind", "access-token")
                .claim(CLAIMS + "oauth/client/id", client.id())
                .build();
        SigningKeys.Active key = keys.active(purpose(client.region()));
        return key.compact(claims);
    }

    /** Checks a token for use in a region; the client and its user are checked by the caller. */
    public Verified verify(String token, String region) {
        Verified v = verified.getIfPresent(token);
        if (v == null) {
            v = parse(token);
            verified.put(token, v);
        }
        if (!v.region().equals(region)) {
            throw new Refused(Refused.Why.OTHER_REGION, "The token was issued in another region (" + v.region()
                    + "); credentials work in one region only.");
        }
        if (v.expires().isBefore(Instant.now())) {
            throw new Refused(Refused.Why.EXPIRED, "The token expired at " + v.expires() + ".");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private Verified parse(String token) {
        SignedJWT jwt;
        JWTClaimsSet c;
        try {
            jwt = SignedJWT.parse(token);
            c = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused(Refused.Why.MALFORMED, "The token is not a well-formed JWT.");
        }
        String kid = jwt.getHeader().getKeyID();
        var verifier = kid == null || !kid.startsWith("iroh-") ? null : keys.verifier(kid);
        try {
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || verifier == null || !jwt.verify(verifier)) {
                throw new Refused(Refused.Why.SIGNATURE, "The token's signature is not valid.");
            }
        } catch (JOSEException e) {
            throw new Refused(Refused.Why.SIGNATURE, "The token's signature cannot be checked.");
        }
        String issuer = c.getIssuer();
        if (issuer == null || !issuer.startsWith("IROH Auth ") || c.getExpirationTime() == null) {
            throw new Refused(Refused.Why.MALFORMED, "The token is not an IROH access token.");
        }
        Map<String, Object> all = c.getClaims();
        Object scopes = all.get(CLAIMS + "scopes");
        try {
            return new Verified((String) all.get(CLAIMS + "oauth/client/id"),
                    UUID.fromString((String) all.get(CLAIMS + "org/id")),
                    UUID.fromString((String) all.get(CLAIMS + "user/id")),
                    issuer.substring("IROH Auth ".length()),
                    scopes instanceof List<?> l ? Set.copyOf((List<String>) l) : Set.of(),
                    c.getExpirationTime().toInstant());
        } catch (RuntimeException e) {
            throw new Refused(Refused.Why.MALFORMED, "The token is not an IROH access token.");
        }
    }
}
