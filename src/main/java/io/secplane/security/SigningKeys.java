package io.secplane.security;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * RSA signing keys, kept in the database so that tokens survive restarts and verify on every
 * server process. Each purpose (SCC access tokens, each IROH region) has one active key; a rotated
 * key stays published and verifying until the longest token it signed has expired.
 */
@Component
public class SigningKeys {

    /** A key ready to sign with. */
    public record Active(String kid, java.security.PrivateKey privateKey,
                         java.security.Provider provider, io.micrometer.core.instrument.Counter signed) {

        private static final java.util.Base64.Encoder B64 = java.util.Base64.getUrlEncoder().withoutPadding();

        /**
         * The RS256 compact serialization of these claims. Done here with the JDK's Base64 rather than
         * through the JOSE library's object model, whose constant-time Base64 costs more than the
         * signature itself on the token endpoints.
         */
        public String compact(com.nimbusds.jwt.JWTClaimsSet claims) {
            String header = "{\"kid\":\"" + kid + "\",\"typ\":\"JWT\",\"alg\":\"RS256\"}";
            String input = B64.encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(claims.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                java.security.Signature sig = provider == null ? java.security.Signature.getInstance("SHA256withRSA")
                        : java.security.Signature.getInstance("SHA256withRSA", provider);
                sig.initSign(privateKey);
                sig.update(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String token = input + "." + B64.encodeToString(sig.sign());
                signed.increment();
                return token;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign a token", e);
            }
        }
    }

    private record Stored(String kid, String purpose, RSAPublicKey publicKey, RSAPrivateKey privateKey,
                          Instant createdAt, Instant retiredAt) {
    }

    private final JdbcClient jdbc;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Map<String, RSASSAVerifier> verifiers = new ConcurrentHashMap<>();

    private final io.micrometer.core.instrument.MeterRegistry meters;

    public SigningKeys(JdbcClient jdbc, io.micrometer.core.instrument.MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    public Active active(String purpose) {
        return active.computeIfAbsent(purpose, this::loadOrCreate);
    }

    /** The verifier for a key id, or null when no such key was ever stored. */
    public RSASSAVerifier verifier(String kid) {
        RSASSAVerifier v = verifiers.get(kid);
        if (v != null) {
            return v;
        }
        List<Stored> found = query("WHERE kid = ?", kid);
        if (found.isEmpty()) {
            return null;
        }
        v = new RSASSAVerifier(found.get(0).publicKey());
        verifiers.put(kid, v);
        return v;
    }

    private record Published(JWKSet set, long until) {
    }

    private final Map<String, Published> published = new ConcurrentHashMap<>();

    /**
     * The public keys of a purpose still in use: the active one and those retired within the grace
     * period. Read again at most every second (a rotation in another process shows within that), at
     * once after a rotation here.
     */
    public JWKSet publicSet(String purpose, Duration grace) {
        long now = System.currentTimeMillis();
        String key = purpose + "/" + grace.toSeconds();
        Published p = published.get(key);
        if (p == null || now >= p.until()) {
            p = new Published(readPublicSet(purpose, grace), now + 1_000);
            published.put(key, p);
        }
        return p.set();
    }

    private JWKSet readPublicSet(String purpose, Duration grace) {
        Instant cutoff = Instant.now().minus(grace);
        List<com.nimbusds.jose.jwk.JWK> keys = query("WHERE purpose = ? ORDER BY created_at DESC", purpose).stream()
                .filter(k -> k.retiredAt() == null || k.retiredAt().isAfter(cutoff))
                .map(k -> (com.nimbusds.jose.jwk.JWK) new RSAKey.Builder(k.publicKey()).keyID(k.kid())
                        .keyUse(KeyUse.SIGNATURE).algorithm(com.nimbusds.jose.JWSAlgorithm.RS256).build())
                .toList();
        return new JWKSet(keys);
    }

    /** Makes a new active key; the old one keeps verifying the tokens it signed. */
    public synchronized String rotate(String purpose) {
        OffsetDateTime now = io.secplane.db.Sql.now();
        jdbc.sql("UPDATE signing_keys SET retired_at = ? WHERE purpose = ? AND retired_at IS NULL")
                .param(now).param(purpose).update();
        active.remove(purpose);
        String kid = active(purpose).kid();
        published.clear();
        return kid;
    }

    private synchronized Active loadOrCreate(String purpose) {
        List<Stored> current = query("WHERE purpose = ? AND retired_at IS NULL ORDER BY created_at DESC", purpose);
        Stored key = current.isEmpty() ? create(purpose) : current.get(0);
        java.security.Provider fast = NativeCrypto.provider();
        java.security.PrivateKey signingKey = key.privateKey();
        if (fast != null) {
            try {
                // the provider's own key object: handing it the JDK's key makes it parse the key on
                // every signature, which is slower than the JDK itself (measured: 500/s against 1,300/s)
                signingKey = KeyFactory.getInstance("RSA", fast)
                        .generatePrivate(new PKCS8EncodedKeySpec(key.privateKey().getEncoded()));
            } catch (java.security.GeneralSecurityException e) {
                fast = null;
            }
        }
        // tokens issued, by kind: scc, iroh-<region>, se-<region>
        return new Active(key.kid(), signingKey, fast, meters.counter("secplane.tokens.issued", "kind", purpose));
    }

    private Stored create(String purpose) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            String kid = purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
            Instant now = Instant.now();
            jdbc.sql("INSERT INTO signing_keys (kid, purpose, algorithm, private_key, public_key, created_at) "
                            + "VALUES (?, ?, 'RS256', ?, ?, ?)")
                    .param(kid).param(purpose)
                    .param(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()))
                    .param(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
                    .param(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
            return new Stored(kid, purpose, (RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate(), now, null);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a signing key", e);
        }
    }

    private List<Stored> query(String where, Object param) {
        return jdbc.sql("SELECT kid, purpose, private_key, public_key, created_at, retired_at FROM signing_keys " + where)
                .param(param)
                .query((rs, n) -> {
                    try {
                        KeyFactory kf = KeyFactory.getInstance("RSA");
                        var pub = (RSAPublicKey) kf.generatePublic(
                                new X509EncodedKeySpec(Base64.getDecoder().decode(rs.getString("public_key"))));
                        var priv = (RSAPrivateKey) kf.generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(rs.getString("private_key"))));
                        OffsetDateTime retired = rs.getObject("retired_at", OffsetDateTime.class);
                        return new Stored(rs.getString("kid"), rs.getString("purpose"), pub, priv,
                                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                                retired == null ? null : retired.toInstant());
                    } catch (java.security.GeneralSecurityException e) {
                        throw new IllegalStateException("a stored signing key cannot be read", e);
                    }
                })
                .list();
    }

}
