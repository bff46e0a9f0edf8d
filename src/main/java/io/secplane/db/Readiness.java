package io.secplane.db;

import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether this process can serve: the database answers, and its schema has every migration this
 * server knows (another process, or an interrupted start, may have left some pending). Says why when
 * not. Read by the readiness probes of the API's hosts and of the management port ({@code migrations}
 * in its readiness group). The schema is read again at most every {@link #SCHEMA_EVERY_MS}.
 */
@Component("migrations")
public class Readiness implements HealthIndicator {

    static final long SCHEMA_EVERY_MS = 5_000;

    private final JdbcClient jdbc;
    private final Flyway flyway;
    private volatile String schemaProblem;
    private volatile long schemaReadAt;

    public Readiness(JdbcClient jdbc, Flyway flyway) {
        this.jdbc = jdbc;
        this.flyway = flyway;
    }

    /** Empty when ready, otherwise the reason in a sentence. */
    public Optional<String> notReady() {
        try {
            jdbc.sql("SELECT 1").query(Integer.class).single();
        } catch (RuntimeException e) {
            return Optional.of("the database does not answer");
        }
        return Optional.ofNullable(schema());
    }

    private String schema() {
        long now = System.currentTimeMillis();
        if (now - schemaReadAt >= SCHEMA_EVERY_MS) {
            String problem = null;
            try {
                MigrationInfo[] pending = flyway.info().pending();
                if (pending.length > 0) {
                    problem = pending.length + " database migration" + (pending.length == 1 ? " is" : "s are")
                            + " pending (up to version " + pending[pending.length - 1].getVersion() + "): start the server to apply them";
                }
            } catch (RuntimeException e) {
                problem = "the database's migrations cannot be read: " + e.getMessage();
            }
            schemaProblem = problem;
            schemaReadAt = now;
        }
        return schemaProblem;
    }

    /** The management port's {@code migrations} indicator (database and schema). */
    @Override
    public Health health() {
        return notReady().map(reason -> Health.down().withDetail("reason", reason).build())
                .orElseGet(() -> Health.up().build());
    }
}
