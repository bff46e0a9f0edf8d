package io.secplane.tls;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import io.secplane.SecplaneProperties;

/** With HTTPS on, plain HTTP for local work listens on a second port (both can be turned off). */
@Component
public class PlainHttpConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final SecplaneProperties properties;

    public PlainHttpConnector(SecplaneProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (properties.https().enabled() && properties.http().enabled()) {
            Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            connector.setPort(properties.http().port());
            connector.setProperty("maxKeepAliveRequests", "-1");
            connector.setProperty("keepAliveTimeout", "60000");
            factory.addAdditionalConnectors(connector);
        }
    }
}
