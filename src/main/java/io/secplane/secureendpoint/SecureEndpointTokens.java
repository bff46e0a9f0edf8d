package io.secplane.secureendpoint;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.secplane.security.SigningKeys;

/** Secure Endpoint API tokens: what /v3/access_tokens hands out for an IROH token, one region each. */
@Component
public class SecureEndpointTokens {

    public static final Duration LIFETIME = Duration.ofHours(1);

    /** A verified token: the API client and org it stands for. */
    public record Verified(String clientId, UUID orgId, String region, Instant expires) {
    }

    private final SigningKeys keys;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(LIFETIME.plusMinutes(1)).build();

    public SecureEndpointTokens(SigningKeys keys) {
        this.keys = keys;
    }

    private static String purpose(String region) {
        return "se-" + region;
    }

    public String issue(String clientId, UUID orgId, UUID userId, String region) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("Secure Endpoint " + region)
                .subject(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(io.secplane.web.RequestContext.fastUuid())
                .claim("org_id", orgId.toString())
                .claim("user_id", userId.toString())
                .build();
        SigningKeys.Active key = keys.active(purpose(region));
        return key.compact(claims);
    }

    /** The token's holder, or null with the reason in {@code problem[0]}. */
    public Verified verify(String token, String region, String[] problem) {
        Verified v = verified.getIfPresent(token);
        if (v == null) {
            v = parse(token, problem);
            if (v == null) {
                return null;
            }
            verified.put(token, v);
        }
        if (!v.region().equals(region)) {
            problem[0] = "The access token was issued in another region (" + v.region() + ").";
            return null;
        }
        if (v.expires().isBefore(Instant.now())) {
            problem[0] = "The access token expired at " + v.expires() + ".";
            return null;
        }
        return v;
    }

    private Verified parse(String token, String[] problem) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            String kid = jwt.getHeader().getKeyID();
            var verifier = kid == null || !kid.startsWith("se-") ? null : keys.verifier(kid);
            if (verifier == null || !JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                problem[0] = "The access token's signature is not valid.";
                return null;
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            return new Verified(c.getSubject(), UUID.fromString(c.getStringClaim("org_id")),
                    c.getIssuer().substring("Secure Endpoint ".length()), c.getExpirationTime().toInstant());
        } catch (ParseException | JOSEException | RuntimeException e) {
            problem[0] = "The access token is not a Secure Endpoint API token.";
            return null;
        }
    }
}
