package io.secplane.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test context a fresh data directory and a fresh database: H2 in that directory, or a
 * new database on the embedded PostgreSQL when {@code secplane.test.backend=postgres}.
 */
public class BackendInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var env = context.getEnvironment();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("secplane-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> props = new HashMap<>(backend(env.getProperty("secplane.test.backend", "h2"), dataDir));
        props.put("secplane.data-dir", dataDir.toString());
        props.put("management.server.port", "0"); // test contexts live side by side: a free port each
        env.getPropertySources().addFirst(new MapPropertySource("testBackend", props));
    }

    /** The datasource settings of a backend, with its data in {@code dataDir} for H2. */
    public static Map<String, Object> backend(String name, Path dataDir) {
        if (name.equals("postgres")) {
            return Map.of("spring.datasource.url", EmbeddedPostgres.get().newDatabase(),
                    "spring.datasource.username", "postgres", "spring.datasource.password", "");
        }
        return Map.of("spring.datasource.url", io.secplane.tls.ServerSetup.h2Url(dataDir),
                "spring.datasource.username", "sa", "spring.datasource.password", "");
    }
}
