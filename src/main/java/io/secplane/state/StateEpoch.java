package io.secplane.state;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import io.secplane.PeriodicJob;

/**
 * What each process remembers of the state (who may do what, whether a token's key is enabled, the
 * Secure Endpoint API's caches, the rate counters) is forgotten when the state is replaced: at once
 * on the process that replaced it, and within a quarter of a second on the others sharing the
 * database, which see the epoch the operation counted up in its transaction. (On H2, embedded in
 * one process, there are no others: nothing is asked.)
 */
@Component
public class StateEpoch extends PeriodicJob {

    /** Something that remembers a part of the state. */
    public interface Remembering {
        void forgetAll();
    }

    private final StateRows rows;
    private final List<Remembering> remembering;
    private final boolean shared;
    private volatile long known = -1;

    public StateEpoch(StateRows rows, List<Remembering> remembering, javax.sql.DataSource dataSource) {
        super("state-epoch");
        this.rows = rows;
        this.remembering = remembering;
        try (var c = dataSource.getConnection()) {
            this.shared = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the database's kind", e);
        }
    }

    /** Whether other server processes may share this database (PostgreSQL). */
    boolean shared() {
        return shared;
    }

    @Override
    protected Duration every() {
        return shared ? Duration.ofMillis(250) : null;
    }

    @Override
    protected void runOnce() {
        long now;
        try {
            now = rows.epoch();
        } catch (org.springframework.dao.DataAccessException e) {
            return; // the database is away: asked again a quarter of a second later (its outage is logged elsewhere)
        }
        if (known != -1 && now != known) {
            forget();
        }
        known = now;
    }

    /** After this process's own operation on the state, its transaction committed: the new epoch, and forget. */
    void replaced(long epoch) {
        known = epoch;
        forget();
    }

    private void forget() {
        remembering.forEach(Remembering::forgetAll);
    }
}
