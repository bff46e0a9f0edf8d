package io.secplane.security;

import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider RSA signatures are made with: the fastest that loads on this machine, in order
 * Amazon Corretto Crypto Provider (AWS-LC), Conscrypt (BoringSSL), then the JDK's own, which always
 * works. {@code secplane.crypto.provider} (accp, conscrypt, jdk) asks for one; what is used is
 * logged once. Only signing uses it: TLS and everything else keep the JDK's providers.
 */
final class NativeCrypto {

    private static final Logger log = LoggerFactory.getLogger(NativeCrypto.class);
    static final List<String> ORDER = List.of("accp", "conscrypt", "jdk");
    private static volatile Provider provider;
    private static volatile boolean tried;

    private NativeCrypto() {
    }

    /** The signing provider, or null for the JDK's. */
    static Provider provider() {
        if (!tried) {
            synchronized (NativeCrypto.class) {
                if (!tried) {
                    provider = choose();
                    tried = true;
                }
            }
        }
        return provider;
    }

    private static Provider choose() {
        String asked = System.getProperty("secplane.crypto.provider", "auto").toLowerCase(java.util.Locale.ROOT);
        if ("false".equalsIgnoreCase(System.getProperty("secplane.crypto.native"))) {
            asked = "jdk";
        }
        List<String> tryThese = asked.equals("auto") ? ORDER : List.of(asked, "jdk");
        StringBuilder why = new StringBuilder();
        for (String name : tryThese) {
            try {
                Provider p = load(name);
                log.info("RSA signing: {}{}", name.equals("jdk") ? "the JDK's provider" : p.getName(),
                        why.isEmpty() ? "" : " (" + why + ")");
                return p;
            } catch (Throwable e) {
                why.append(why.isEmpty() ? "" : "; ").append(name).append(" did not load: ").append(e);
            }
        }
        return null;
    }

    /** One provider, checked by making a signature with it; null for the JDK's. */
    static Provider load(String name) throws Exception {
        Provider p = switch (name) {
            case "accp" -> {
                var accp = com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
                if (accp.getLoadingError() != null) {
                    throw new IllegalStateException(accp.getLoadingError().toString());
                }
                accp.assertHealthy();
                yield accp;
            }
            case "conscrypt" -> {
                if (!org.conscrypt.Conscrypt.isAvailable()) {
                    throw new IllegalStateException("Conscrypt is not available on this machine");
                }
                yield org.conscrypt.Conscrypt.newProvider();
            }
            case "jdk" -> null;
            default -> throw new IllegalArgumentException("secplane.crypto.provider is accp, conscrypt or jdk, not " + name);
        };
        if (p != null) {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            Signature s = Signature.getInstance("SHA256withRSA", p);
            s.initSign(gen.generateKeyPair().getPrivate());
            s.update(new byte[] {1});
            s.sign();
        }
        return p;
    }
}
