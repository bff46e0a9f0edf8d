package io.secplane.security;

import java.security.Provider;
import java.security.Signature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conscrypt (BoringSSL) for RSA signing when its native library loads on this machine and
 * {@code secplane.crypto.native} is not false; otherwise the JDK's own RSA, which always works.
 */
final class NativeCrypto {

    private static final Logger log = LoggerFactory.getLogger(NativeCrypto.class);
    private static volatile Provider provider;
    private static volatile boolean tried;

    private NativeCrypto() {
    }

    static Provider provider() {
        if (!tried) {
            synchronized (NativeCrypto.class) {
                if (!tried) {
                    provider = load();
                    tried = true;
                }
            }
        }
        return provider;
    }

    private static Provider load() {
        if ("false".equalsIgnoreCase(System.getProperty("secplane.crypto.native"))) {
            log.info("RSA signing: the JDK's provider (native crypto turned off)");
            return null;
        }
        try {
            if (!org.conscrypt.Conscrypt.isAvailable()) {
                log.info("RSA signing: the JDK's provider (Conscrypt is not available on this machine)");
                return null;
            }
            Provider p = org.conscrypt.Conscrypt.newProvider();
            Signature.getInstance("SHA256withRSA", p);
            log.info("RSA signing: Conscrypt (BoringSSL)");
            return p;
        } catch (Throwable e) {
            log.info("RSA signing: the JDK's provider (Conscrypt did not load: {})", e.toString());
            return null;
        }
    }
}
