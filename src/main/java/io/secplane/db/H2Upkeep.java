package io.secplane.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 database's file near the size of its live data while the server runs.
 * Every commit is written at once ({@code WRITE_DELAY=0}, so that nothing answered 2xx is lost on a
 * crash), and that stops H2's own background thread, which is what reclaims the space of old
 * versions: without this, 20,000 organizations made a 600 MB file that a restart took back to 13 MB.
 * Ten times a second it reads how much of the file is live; when the file is more than
 * {@code secplane.database.h2-upkeep-slack} times that (1.5) and past 2 MB, it compacts the file
 * for at most {@code secplane.database.h2-upkeep-max} (200 ms) under H2's store lock, writes waiting
 * meanwhile: live chunks move to the start of the file, the end is cut off. H2's compaction sets
 * the store's retention time to 0 for itself; the retention time it had (45 s by default: old
 * chunks are not written over sooner, which H2 relies on to reopen a file cut short) is set back
 * right after. Only for an embedded H2 file database; nothing for PostgreSQL.
 */
@Component
public class H2Upkeep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2Upkeep.class);
    private static final long FLOOR = 2L << 20;

    private final DataSource dataSource;
    private final boolean embedded;
    private final Duration every;
    private final double slack;
    private final int maxMillis;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong compactions = new AtomicLong();
    private ScheduledExecutorService executor;
    /** The database's store, found once through a pooled connection; checks then need no connection. */
    private volatile MVStore store;

    public H2Upkeep(DataSource dataSource, @Value("${spring.datasource.url:}") String url,
                    @Value("${secplane.database.h2-upkeep-every:100ms}") Duration every,
                    @Value("${secplane.database.h2-upkeep-slack:1.5}") double slack,
                    @Value("${secplane.database.h2-upkeep-max:200ms}") Duration max) {
        this.dataSource = dataSource;
        this.embedded = url.startsWith("jdbc:h2:file:") || url.startsWith("jdbc:h2:./") || url.startsWith("jdbc:h2:/");
        this.every = every;
        this.slack = Math.max(1.1, slack);
        this.maxMillis = (int) Math.max(10, Math.min(10_000, max.toMillis()));
    }

    /** How many times the file was compacted since the start. */
    public long compactions() {
        return compactions.get();
    }

    @Override
    public void start() {
        if (!embedded || every.isZero() || !running.compareAndSet(false, true)) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-upkeep");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(10, every.toMillis());
        executor.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            executor.shutdownNow();
            try {
                // the database closes after this: no compaction may be running then
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Starts after the data source and stops before it closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    void check() {
        try {
            MVStore store = this.store;
            if (store == null) {
                try (Connection c = dataSource.getConnection()) {
                    store = this.store = store(c);
                }
            }
            if (store == null || store.isClosed()) {
                return;
            }
            FileStore<?> file = store.getFileStore();
            long size = file.size();
            double live = size * (file.getFillRate() / 100.0) * (file.getChunksFillRate() / 100.0);
            if (size < FLOOR || size <= slack * live) {
                return;
            }
            int retention = store.getRetentionTime();
            try {
                store.compactFile(maxMillis);
            } finally {
                store.setRetentionTime(retention);
            }
            compactions.incrementAndGet();
            log.debug("H2 file compacted from {} to {} bytes", size, file.size());
        } catch (SQLException | RuntimeException e) {
            // the pool busy or the database closing: the next check tries again
            log.debug("H2 upkeep skipped: {}", e.toString());
        }
    }

    private static MVStore store(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        var session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof org.h2.engine.SessionLocal local)) {
            return null; // a server-mode H2: its own process keeps its file
        }
        var db = local.getDatabase().getStore();
        return db == null ? null : db.getMvStore();
    }
}
