package io.secplane.security;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.nimbusds.jwt.JWTClaimsSet;


import io.secplane.SecplaneProperties;
import io.secplane.access.Principal;

/**
 * SCC access tokens: RS256 JWTs naming the org, the API key, the token chain ({@code sid}) and the
 * scopes (informational). {@link TokenVerifier} checks the signature; {@link TokenStatus} is asked on
 * every use whether the key or the chain has been stopped since.
 */
@Component
public class AccessTokens {

    public static final String PURPOSE = "scc";

    private final SigningKeys keys;
    private final TokenVerifier verifier;
    private final TokenStatus status;
    private final String issuer;
    private final Duration lifetime;

    public AccessTokens(SigningKeys keys, TokenVerifier verifier, TokenStatus status, SecplaneProperties properties) {
        this.keys = keys;
        this.verifier = verifier;
        this.status = status;
        this.issuer = properties.tokens().issuer();
        this.lifetime = properties.tokens().accessTokenLifetime();
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(UUID orgId, UUID apiKeyId, UUID familyId, List<String> scopes) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(apiKeyId.toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(io.secplane.web.RequestContext.fastUuid())
                .claim("org_id", orgId.toString())
                .claim("api_key_id", apiKeyId.toString())
                .claim("sid", familyId.toString())
                .claim("scope", String.join(" ", scopes))
                .claim("token_use", "access")
                .build();
        SigningKeys.Active key = keys.active(PURPOSE);
        return key.compact(claims);
    }

    /**
     * The caller an access token names, when it is a valid SCC access token whose chain and key are
     * still good; else the reason, as an {@link TokenRefused}. Its scopes are not read:
     * the authorizer decides what the caller may do.
     */
    public Principal principal(String token) {
        TokenVerifier.Verified verified;
        try {
            verified = verifier.verify(token, TokenVerifier.Kind.SCC);
        } catch (TokenVerifier.Refused e) {
            throw new TokenRefused(switch (e.why()) {
                case MALFORMED, OTHER_REGION -> "The access token is not a well-formed JWT.";
                case SIGNATURE -> "The access token's signature is not valid.";
                case EXPIRED -> "The access " + e.getMessage().substring("The ".length());
                case NOT_YET_VALID -> "The access token is not valid yet.";
            }, false);
        }
        Principal p = verified.derived(Principal.class, this::caller);
        String problem = status.problem(p.chainId(), p.orgId(), UUID.fromString(p.id()));
        if (problem != null) {
            throw new TokenRefused(problem, false);
        }
        return p;
    }

    /** The API key a verified token names, when it is a Secplane access token. */
    private Principal caller(JWTClaimsSet claims) {
        try {
            if (!issuer.equals(claims.getIssuer()) || !"access".equals(claims.getClaim("token_use"))) {
                throw new IllegalArgumentException();
            }
            return Principal.apiKey(UUID.fromString(claims.getStringClaim("org_id")), UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim("sid")));
        } catch (ParseException | RuntimeException e) {
            throw new TokenRefused("The token is not a Secplane access token.", false);
        }
    }
}
