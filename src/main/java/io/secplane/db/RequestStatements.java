package io.secplane.db;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.secplane.web.RequestContext;

/**
 * Every statement a request runs has a time limit ({@code secplane.database.statement-timeout},
 * 5 s by default), on H2 and PostgreSQL alike, as a second line of defence behind bounded queries:
 * a statement past it is cancelled by the database where the database honours cancellation, its
 * connection goes back to the pool, and the request is answered 503 (see
 * {@link io.secplane.web.Unavailable}). Statements outside requests (migrations, background jobs,
 * the command line) have none. A request is a thread the front filter has given a tracking id.
 */
@Configuration(proxyBeanMethods = false)
public class RequestStatements {

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource,
                              @Value("${secplane.database.statement-timeout:5s}") Duration limit) {
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit.toSeconds()));
        return new Limited(dataSource, limit.isZero() ? 0 : seconds);
    }

    static final class Limited extends JdbcTemplate {

        private final int seconds;

        Limited(DataSource dataSource, int seconds) {
            super(dataSource);
            this.seconds = seconds;
        }

        @Override
        protected void applyStatementSettings(Statement stmt) throws SQLException {
            super.applyStatementSettings(stmt); // a transaction's own deadline, if it has one
            int current = stmt.getQueryTimeout();
            if (MDC.get(RequestContext.TRACKING_ID) != null) {
                if (current == 0 || current > seconds) {
                    stmt.setQueryTimeout(seconds);
                }
            } else if (current == seconds) {
                // H2 keeps the limit on the connection's session: a request's limit is not left on
                // the connection for the background job that takes it next
                stmt.setQueryTimeout(0);
            }
        }
    }
}
