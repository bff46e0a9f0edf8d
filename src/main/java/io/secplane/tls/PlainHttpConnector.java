package io.secplane.tls;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.springframework.boot.tomcat.CompressionConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import io.secplane.SecplaneProperties;

/**
 * With HTTPS on, plain HTTP for local work listens on a second port (both can be turned off).
 * <p>
 * The plain port is the HTTPS port without TLS: it gets every other setting of the HTTPS connector
 * (the {@code server.tomcat.*} properties: the relaxed path and query characters, the size limits,
 * keep-alive, the threads or virtual threads), applied when the server is made, at the HTTPS
 * connector's turn, when all of them are known. (Spring Boot applies them to its own connector
 * only: before, the plain port refused {@code ?name=a[b]} with a 400 that the HTTPS port accepted.)
 */
@Component
public class PlainHttpConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final SecplaneProperties properties;

    public PlainHttpConnector(SecplaneProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (properties.https().enabled() && properties.http().enabled()) {
            Connector plain = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            factory.addAdditionalConnectors(plain);
            factory.addConnectorCustomizers(new TomcatConnectorCustomizer() {
                @Override
                public void customize(Connector https) {
                    likeHttps(factory, plain, this);
                }
            });
        }
    }

    /** What Spring Boot does to its connector, but the port and TLS, done to the plain one. */
    @SuppressWarnings("unchecked")
    private void likeHttps(TomcatServletWebServerFactory factory, Connector plain, TomcatConnectorCustomizer self) {
        plain.setPort(properties.http().port());
        if (factory.getServerHeader() != null && !factory.getServerHeader().isBlank()) {
            plain.setProperty("server", factory.getServerHeader());
        }
        if (factory.getAddress() != null && plain.getProtocolHandler() instanceof org.apache.coyote.AbstractProtocol<?> p) {
            p.setAddress(factory.getAddress());
        }
        ProtocolHandler handler = plain.getProtocolHandler();
        LambdaSafe.callbacks(TomcatProtocolHandlerCustomizer.class, factory.getProtocolHandlerCustomizers(), handler)
                .invoke(customizer -> customizer.customize(handler));
        if (factory.getUriEncoding() != null) {
            plain.setURIEncoding(factory.getUriEncoding().name());
        }
        new CompressionConnectorCustomizer(factory.getCompression()).customize(plain);
        for (TomcatConnectorCustomizer customizer : factory.getConnectorCustomizers()) {
            if (customizer != self) {
                customizer.customize(plain);
            }
        }
    }
}
