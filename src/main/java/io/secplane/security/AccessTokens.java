package io.secplane.security;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.secplane.SecplaneProperties;

/**
 * SCC access tokens: RS256 JWTs naming the org, the API key, the token chain ({@code sid}) and the
 * scopes. Decoding verifies the signature once per token (then remembers it), and asks
 * {@link TokenStatus} on every use whether the key or the chain has been stopped since.
 */
@Component
public class AccessTokens implements JwtDecoder {

    public static final String PURPOSE = "scc";
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final SigningKeys keys;
    private final TokenStatus status;
    private final String issuer;
    private final Duration lifetime;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    public AccessTokens(SigningKeys keys, TokenStatus status, SecplaneProperties properties) {
        this.keys = keys;
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

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            jwt = verify(token);
            verified.put(token, jwt);
        }
        Instant now = Instant.now();
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().plus(SKEW).isBefore(now)) {
            throw new BadJwtException("The access token expired at " + jwt.getExpiresAt() + ".");
        }
        String problem;
        try {
            problem = status.problem(UUID.fromString(jwt.getClaimAsString("sid")),
                    UUID.fromString(jwt.getClaimAsString("org_id")), UUID.fromString(jwt.getSubject()));
        } catch (IllegalArgumentException e) {
            throw new BadJwtException("The token is not a Secplane access token.");
        }
        if (problem != null) {
            throw new BadJwtException(problem);
        }
        return jwt;
    }

    private Jwt verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new BadJwtException("The access token is not a well-formed JWT.");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new BadJwtException("The access token is not signed with RS256.");
        }
        var verifier = jwt.getHeader().getKeyID() == null ? null : keys.verifier(jwt.getHeader().getKeyID());
        try {
            if (verifier == null || !jwt.verify(verifier)) {
                throw new BadJwtException("The access token's signature is not valid.");
            }
        } catch (JOSEException e) {
            throw new BadJwtException("The access token's signature cannot be checked.");
        }
        if (!issuer.equals(claims.getIssuer()) || !"access".equals(claims.getClaim("token_use"))
                || claims.getClaim("sid") == null || claims.getClaim("org_id") == null) {
            throw new BadJwtException("The token is not a Secplane access token.");
        }
        Instant now = Instant.now();
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(SKEW).isAfter(now)) {
            throw new BadJwtException("The access token is not valid yet.");
        }
        try {
            return Jwt.withTokenValue(token)
                    .headers(h -> h.putAll(jwt.getHeader().toJSONObject()))
                    .claims(c -> c.putAll(toSpring(claims)))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new BadJwtException("The access token's claims cannot be read.");
        }
    }

    private static java.util.Map<String, Object> toSpring(JWTClaimsSet claims) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>(claims.getClaims());
        for (String time : List.of("exp", "iat", "nbf")) {
            Object v = map.get(time);
            if (v instanceof Date d) {
                map.put(time, d.toInstant());
            }
        }
        return map;
    }

    /** The caller a decoded token stands for (the scopes it carries are informational: see the authorizer). */
    public static io.secplane.access.Principal principal(Jwt jwt) {
        return io.secplane.access.Principal.apiKey(UUID.fromString(jwt.getClaimAsString("org_id")),
                UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString("sid")));
    }
}
