package io.secplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Date;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Both signing paths make tokens that a standard JOSE library verifies: the JDK's RSA and Conscrypt's. */
class SigningPathsTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void compactTokensVerify(boolean nativeProvider) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        Provider provider = nativeProvider ? org.conscrypt.Conscrypt.newProvider() : null;
        PrivateKey key = provider == null ? pair.getPrivate()
                : KeyFactory.getInstance("RSA", provider).generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
        SigningKeys.Active active = new SigningKeys.Active("k1", key, provider, new io.micrometer.core.instrument.simple.SimpleMeterRegistry().counter("t"));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("IROH Auth NAM").subject("s")
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).claim("scope", "a b").build();
        SignedJWT jwt = SignedJWT.parse(active.compact(claims));
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("a b");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("IROH Auth NAM");
    }
}
