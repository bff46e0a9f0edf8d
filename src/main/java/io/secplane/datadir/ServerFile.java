package io.secplane.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.secplane.SecplaneProperties;
import io.secplane.tls.CertificateAuthority;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code <data-dir>/server.json} exists while a server is up and ready on that data directory:
 * its process id and ports, for the {@code ./secplane start} and {@code stop} commands (start
 * returns once it appears; a second start sees the server already running).
 */
@Component
public class ServerFile {

    private final SecplaneProperties properties;
    private final JsonMapper json;

    public ServerFile(SecplaneProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    private Path file() {
        return Path.of(properties.dataDir()).resolve("server.json");
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) throws IOException {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("port", web.getWebServer().getPort());
        m.put("https", properties.https().enabled());
        if (properties.https().enabled() && properties.http().enabled()) {
            m.put("httpPort", properties.http().port());
        }
        CertificateAuthority.writeSecret(file(), json.writeValueAsString(m));
    }

    @EventListener
    public void closed(ContextClosedEvent event) throws IOException {
        Files.deleteIfExists(file());
    }
}
