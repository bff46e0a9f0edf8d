package io.secplane.security;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The one verifier of the server's own tokens (SCC access tokens, IROH tokens, Secure Endpoint
 * tokens): RS256 only, signed by a key of the expected kind (the key id names its purpose, so a
 * token of one kind or region never passes for another), within its validity. A signature is
 * checked once per token, then remembered (one cache for the three kinds); what the token's holder
 * may do is not its business (see the authorizer).
 */
@Component
public class TokenVerifier {

    /** The kinds of token, by the purpose prefix of the keys that sign them. */
    public enum Kind {
        SCC("scc-"), IROH("iroh-"), SECURE_ENDPOINT("se-");

        final String keyPrefix;

        Kind(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }

    /**
     * A token whose signature holds: its claims, and what its reader made of them (the claims of a
     * token never change, so the reader makes it once: see {@link #derived}).
     */
    public record Verified(Kind kind, JWTClaimsSet claims, Instant expires, AtomicReference<Object> made) {

        Verified(Kind kind, JWTClaimsSet claims, Instant expires) {
            this(kind, claims, expires, new AtomicReference<>());
        }

        /**
         * What {@code how} makes of the claims, made at the first request with this token and kept
         * with it (a value only: whatever depends on the current state is decided at each request).
         * A failure is not kept: the next request fails the same way.
         */
        public <T> T derived(Class<T> type, Function<JWTClaimsSet, T> how) {
            Object known = made.get();
            if (type.isInstance(known)) {
                return type.cast(known);
            }
            T value = how.apply(claims);
            made.set(value);
            return value;
        }
    }

    /** Why a token is refused; each API words it in its own way. */
    public static final class Refused extends RuntimeException {
        public enum Why { MALFORMED, SIGNATURE, EXPIRED, NOT_YET_VALID, OTHER_REGION }

        private final Why why;

        public Refused(Why why, String message) {
            super(message, null, false, false);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    private static final Duration SKEW = Duration.ofSeconds(30);
    private final SigningKeys keys;
    private final Cache<Presented, Verified> verified = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    /**
     * A token as the cache's key: compared whole, hashed on its last 32 characters (its signature's,
     * which no two tokens share). A token's string is new at every request, and hashing all its
     * 900-odd characters was the larger part of a cache hit on JDK 17. Only verified tokens are
     * stored, so no caller can choose keys that collide.
     */
    private record Presented(String token) {
        @Override
        public int hashCode() {
            int h = 0;
            for (int i = Math.max(0, token.length() - 32); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Presented p && p.token.equals(token);
        }
    }

    public TokenVerifier(SigningKeys keys) {
        this.keys = keys;
    }

    /** The token's claims when it is a well-signed token of this kind, valid now; else {@link Refused}. */
    public Verified verify(String token, Kind kind) {
        Presented key = new Presented(token);
        Verified v = verified.getIfPresent(key);
        if (v == null || v.kind() != kind) {
            v = parse(token, kind);
            verified.put(key, v);
        }
        Instant now = Instant.now();
        if (v.expires() != null && v.expires().plus(kind == Kind.SCC ? SKEW : Duration.ZERO).isBefore(now)) {
            throw new Refused(Refused.Why.EXPIRED, "The token expired at " + v.expires() + ".");
        }
        return v;
    }

    private Verified parse(String token, Kind kind) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new Refused(Refused.Why.MALFORMED, "The token is not a well-formed JWT.");
        }
        String kid = jwt.getHeader().getKeyID();
        var verifier = kid == null || !kid.startsWith(kind.keyPrefix) ? null : keys.verifier(kid);
        try {
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || verifier == null || !jwt.verify(verifier)) {
                throw new Refused(Refused.Why.SIGNATURE, "The token's signature is not valid.");
            }
        } catch (JOSEException e) {
            throw new Refused(Refused.Why.SIGNATURE, "The token's signature cannot be checked.");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(SKEW).isAfter(Instant.now())) {
            throw new Refused(Refused.Why.NOT_YET_VALID, "The token is not valid yet.");
        }
        return new Verified(kind, claims, claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant());
    }
}
