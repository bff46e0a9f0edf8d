package io.secplane.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.secplane.hosts.HostMap;

/**
 * Runs before anything else: settles the data directory, the default H2 database in it, and the
 * ports, and makes the TLS certificate the HTTPS connector needs (once, into the data directory).
 * Its values go last, so anything the user or a test sets wins.
 */
public class ServerSetup implements EnvironmentPostProcessor {

    /**
     * The embedded database in a data directory. WRITE_DELAY=0: a commit is written to the file
     * before the answer leaves (H2's default delays writes by half a second, and a killed process
     * lost acknowledged writes). No trace file: errors are in the server's log.
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("secplane") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (Boolean.getBoolean("spring.aot.processing")) {
            return; // the build works out bean definitions; it must not make a data directory
        }
        Path dataDir = Path.of(env.getProperty("secplane.data-dir", "./data")).toAbsolutePath().normalize();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("secplane.data-dir", dataDir.toString());
        if (!env.containsProperty("spring.datasource.url")) {
            props.put("spring.datasource.url", h2Url(dataDir));
            props.put("spring.datasource.username", "sa");
            props.put("spring.datasource.password", "");
        }
        boolean https = env.getProperty("secplane.https.enabled", Boolean.class, true);
        boolean http = env.getProperty("secplane.http.enabled", Boolean.class, true);
        int httpsPort = env.getProperty("secplane.https.port", Integer.class, 8443);
        int httpPort = env.getProperty("secplane.http.port", Integer.class, 8080);
        if (https) {
            props.put("server.port", httpsPort);
            String cert = env.getProperty("secplane.https.certificate");
            String key = env.getProperty("secplane.https.private-key");
            if (cert == null || key == null) {
                List<String> names = new ArrayList<>(HostMap.defaultHostNames(
                        env.getProperty("secplane.https.real-names", Boolean.class, false)));
                String extra = env.getProperty("secplane.https.extra-names");
                if (extra != null && !extra.isBlank()) {
                    for (String n : extra.split(",")) {
                        names.add(n.trim());
                    }
                }
                CertificateAuthority.Files files = new CertificateAuthority(dataDir.resolve("tls")).ensure(names);
                cert = files.serverCertificate().toUri().toString();
                key = files.serverKey().toUri().toString();
            }
            props.put("server.ssl.enabled", true);
            props.put("server.ssl.certificate", cert);
            props.put("server.ssl.certificate-private-key", key);
        } else if (http) {
            props.put("server.port", httpPort);
        } else {
            props.put("server.port", -1);
        }
        env.getPropertySources().addLast(new MapPropertySource("secplaneServerSetup", props));
    }
}
