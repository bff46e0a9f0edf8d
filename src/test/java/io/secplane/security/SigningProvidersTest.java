package io.secplane.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every signing path signs what the JDK verifies: ACCP and Conscrypt where they load (both do on
 * x86-64 Linux, where CI runs), and the JDK's own, which always must.
 */
class SigningProvidersTest {

    @Test
    void everyProviderThatLoadsSignsWhatTheJdkVerifies() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        byte[] message = "header.payload".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<String> loaded = new ArrayList<>();
        for (String name : NativeCrypto.ORDER) {
            Provider p;
            try {
                p = NativeCrypto.load(name);
            } catch (Exception e) {
                System.out.println("signing provider " + name + " does not load here: " + e);
                continue;
            }
            // as SigningKeys does: the provider's own key object
            PrivateKey key = p == null ? pair.getPrivate()
                    : KeyFactory.getInstance("RSA", p).generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
            Signature s = p == null ? Signature.getInstance("SHA256withRSA") : Signature.getInstance("SHA256withRSA", p);
            s.initSign(key);
            s.update(message);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance("SHA256withRSA");
            v.initVerify(pair.getPublic());
            v.update(message);
            assertThat(v.verify(signature)).as("the JDK verifies what %s signed", name).isTrue();
            // and refuses it for another message
            v.initVerify(pair.getPublic());
            v.update("other".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(v.verify(signature)).isFalse();
            loaded.add(name);
        }
        assertThat(loaded).contains("jdk");
        if (System.getProperty("os.arch").equals("amd64") && System.getProperty("os.name").equals("Linux")) {
            assertThat(loaded).as("on x86-64 Linux every provider loads").containsExactly("accp", "conscrypt", "jdk");
        }
        Provider fastest = NativeCrypto.load(loaded.get(0));
        Provider used = NativeCrypto.provider();
        assertThat(used == null ? "jdk" : used.getName()).as("the fastest that loads is the one in use")
                .isEqualTo(fastest == null ? "jdk" : fastest.getName());
    }
}
