package io.secplane.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

/** The fail-fast window opens when the database cannot be reached, never because the pool was busy. */
class FailFastTest {

    /** A data source that answers each call with the next scripted failure, or a connection. */
    static final class Scripted extends AbstractDataSource {
        final Deque<SQLException> failures = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            calls.incrementAndGet();
            SQLException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return null; // stands for a connection: the guard passes through what the pool gives
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }

    @Test
    void aBusyPoolOpensNoWindow() throws Exception {
        Scripted pool = new Scripted();
        FailFast.Guarded guarded = new FailFast.Guarded(pool);
        // what Hikari throws when every connection is in use and none failed to connect: no cause
        pool.failures.add(new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 1500ms"));
        assertThatThrownBy(guarded::getConnection).hasMessageContaining("not available");
        guarded.getConnection();
        assertThat(pool.calls.get()).as("the next request went to the pool").isEqualTo(2);
    }

    @Test
    void aDatabaseOutOfReachOpensTheWindowForASecond() throws Exception {
        Scripted pool = new Scripted();
        FailFast.Guarded guarded = new FailFast.Guarded(pool);
        // Hikari's timeout with the last failure to connect behind it
        pool.failures.add(new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001",
                new ConnectException("Connection refused")));
        assertThatThrownBy(guarded::getConnection).hasMessageContaining("not available");
        assertThatThrownBy(guarded::getConnection).hasMessageContaining("out of reach a moment ago");
        assertThat(pool.calls.get()).as("the request in the window did not wait for the pool").isEqualTo(1);
    }
}
