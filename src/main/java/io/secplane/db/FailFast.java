package io.secplane.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import io.secplane.web.Unavailable;

/**
 * When the database is out of reach, requests fail fast: after a connection could not be had, for
 * the next second every request that needs one is refused at once (answered 503), instead of each
 * waiting the pool's connection timeout in turn (requests that share a cached lookup would queue
 * behind one another). The pool keeps trying to reconnect; the first request after that second
 * tries again, and the server recovers by itself. A pool that is only busy (all its connections in
 * use, none failing) opens no window.
 */
@Configuration(proxyBeanMethods = false)
public class FailFast {

    static final long WINDOW_NANOS = 1_000_000_000L;

    @Bean
    static BeanPostProcessor failFastDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && !(bean instanceof Guarded) ? new Guarded(ds) : bean;
            }
        };
    }

    /** The data source, with the fail-fast window. */
    static final class Guarded extends DelegatingDataSource {

        private volatile long downUntil;

        Guarded(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            check();
            try {
                return super.getConnection();
            } catch (SQLException e) {
                failed(e);
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            check();
            try {
                return super.getConnection(username, password);
            } catch (SQLException e) {
                failed(e);
                throw e;
            }
        }

        private void check() throws SQLException {
            if (System.nanoTime() - downUntil < 0) {
                throw new SQLTransientConnectionException("The database was out of reach a moment ago; not waiting for it again yet.", "08001");
            }
        }

        /**
         * Opens the window when the pool could not reach the database, not when it was only busy: a
         * pool that timed out with every connection in use and no failure to connect behind it
         * (Hikari gives the last failure to connect as the cause) is saturated, and its next free
         * connection is the answer to the next request.
         */
        private void failed(SQLException e) {
            boolean busyOnly = e instanceof SQLTransientConnectionException && e.getCause() == null;
            if (!busyOnly && Unavailable.database(e)) {
                downUntil = System.nanoTime() + WINDOW_NANOS;
            }
        }
    }
}
