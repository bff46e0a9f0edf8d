package io.secplane.tls;

import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests are served on virtual threads when the JDK has them (21 and later), on Tomcat's pool of
 * platform threads otherwise; decided when the server starts, on the JDK it runs on.
 * <p>
 * Not Spring Boot's {@code spring.threads.virtual.enabled}: the fast start's ahead-of-time build
 * settles that property's condition on the JDK that built the jar, so a jar built on JDK 25 failed to
 * start on JDK 17 and one built on JDK 17 never used them on JDK 25. Measured on 2 cores: an
 * authenticated GET is answered about 30% faster on virtual threads than on the platform pool (no
 * worker woken through the kernel for each request). {@code --secplane.virtual-threads=false} turns
 * them off.
 */
@Component
public class ServerThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final boolean virtual;

    /** The JDK's setting of how many platform threads carry the virtual ones (read once, at the first virtual thread). */
    static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

    public ServerThreads(@Value("${secplane.virtual-threads:true}") boolean wanted) {
        this.virtual = wanted && Runtime.version().feature() >= 21;
        if (virtual && System.getProperty(CARRIERS) == null) {
            // Twice as many carriers as cores (the JDK's default is one per core). A virtual thread runs
            // until it waits: with one carrier per core, a request at saturation waited behind whatever
            // ran on its carrier, and the slowest hundredth took ten times as long as on platform
            // threads (JDK 25, 16 connections flat out: GET of a user p99 69 ms against 5 ms, a token
            // 218 ms against 25 ms). With twice as many, the system shares each core between two
            // carriers as it shares it between platform threads, and the tail is theirs again, at the
            // same rate (bench/compare.sh). A -D setting of the property wins.
            System.setProperty(CARRIERS, String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
        }
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (virtual) {
            // (the plain HTTP port gets it too: PlainHttpConnector replays the HTTPS port's settings)
            factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(new VirtualThreadExecutor("tomcat-handler-")));
        }
    }
}
