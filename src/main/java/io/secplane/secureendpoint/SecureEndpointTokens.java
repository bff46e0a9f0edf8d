package io.secplane.secureendpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.nimbusds.jwt.JWTClaimsSet;

import io.secplane.security.SigningKeys;
import io.secplane.security.TokenVerifier;

/** Secure Endpoint API tokens: what /v3/access_tokens hands out for an IROH token, one region each. */
@Component
public class SecureEndpointTokens {

    public static final Duration LIFETIME = Duration.ofHours(1);

    /** A verified token: the API client and org it stands for. */
    public record Verified(String clientId, UUID orgId, String region, Instant expires) {
    }

    private final SigningKeys keys;
    private final TokenVerifier verifier;

    public SecureEndpointTokens(SigningKeys keys, TokenVerifier verifier) {
        this.keys = keys;
        this.verifier = verifier;
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
        Verified v;
        try {
            JWTClaimsSet c = verifier.verify(token, TokenVerifier.Kind.SECURE_ENDPOINT).claims();
            v = new Verified(c.getSubject(), UUID.fromString(c.getStringClaim("org_id")),
                    c.getIssuer().substring("Secure Endpoint ".length()), c.getExpirationTime().toInstant());
        } catch (TokenVerifier.Refused e) {
            problem[0] = switch (e.why()) {
                case SIGNATURE -> "The access token's signature is not valid.";
                case EXPIRED -> "The access token " + e.getMessage().substring("The token ".length());
                default -> "The access token is not a Secure Endpoint API token.";
            };
            return null;
        } catch (java.text.ParseException | RuntimeException e) {
            problem[0] = "The access token is not a Secure Endpoint API token.";
            return null;
        }
        if (!v.region().equals(region)) {
            problem[0] = "The access token was issued in another region (" + v.region() + ").";
            return null;
        }
        return v;
    }
}
