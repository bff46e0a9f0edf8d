package io.secplane.tls;

import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * TLS 1.2 and 1.3 only, and on TLS 1.2 only AEAD suites with forward secrecy (ECDHE with AES-GCM or
 * ChaCha20-Poly1305), in the server's order of preference rather than the client's.
 */
@Component
public class TlsPolicy implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String CIPHERS = String.join(":",
            "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // runs after the SSL settings are applied to the connector
        factory.addConnectorCustomizers(connector -> {
            for (SSLHostConfig config : connector.findSslHostConfigs()) {
                config.setProtocols("TLSv1.2+TLSv1.3");
                config.setCiphers(CIPHERS);
                config.setHonorCipherOrder(true);
            }
        });
    }
}
