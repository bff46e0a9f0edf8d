package io.secplane.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Fixed-window request limits shared exactly by every server process on one database. A window is
 * the span the documented headers speak of (an hour for IROH).
 *
 * <p>The window's row counts what has been <em>granted</em>, never more than the limit: a process
 * takes a lease of requests from the row (its own transaction, the row locked) and spends it in
 * memory, so the sum of what all processes allow never passes the limit. A lease is a small share of
 * what is left (a 32nd, at most {@value #MAX_LEASE}), so near the limit every request is taken from
 * the row one by one; what a process leased and did not spend within {@link #LEASE_TTL} goes back to
 * the row, so an idle process holds nothing back from a busy one for longer than that. A process
 * that dies with an unspent lease leaves the window counted a little high (refusing early, never
 * allowing too much).
 */
@Component
public class RateLimiter extends io.secplane.PeriodicJob implements io.secplane.state.StateEpoch.Remembering {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /** The state after one request: allowed or not, and what the headers say. */
    public record Outcome(boolean allowed, long limit, long remaining, Instant resetAt) {
        public long secondsToReset() {
            return Math.max(1, Duration.between(Instant.now(), resetAt).toSeconds());
        }
    }

    static final long MAX_LEASE = 256;
    public static final Duration LEASE_TTL = Duration.ofSeconds(1);
    /** How long a full window is believed full before the row is read again (another process may give back). */
    static final Duration FULL_RECHECK = Duration.ofMillis(100);

    private static final class Counter {
        final ReentrantLock lock = new ReentrantLock();
        final long windowStart;
        /** Leased from the row and not spent yet. */
        long unspent;
        /** The row's total after this process's last lease or return. */
        long rowTotal;
        long leasedAt;
        /** The row was found full: until then refusals do not ask the database again. */
        long fullUntil;

        Counter(long windowStart) {
            this.windowStart = windowStart;
        }
    }

    private final RateCounters rows;
    private final MeterRegistry meters;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public RateLimiter(JdbcClient jdbc, TransactionTemplate tx, javax.sql.DataSource dataSource, MeterRegistry meters) {
        super("rate-lease-return");
        this.rows = new RateCounters(jdbc, tx, dataSource);
        this.meters = meters;
    }

    /** Counts one request against a bucket ({@code kind:id}); the kind tags the refusals' metric. */
    public Outcome hit(String bucket, long limit, Duration window) {
        long now = System.currentTimeMillis();
        long start = now - Math.floorMod(now, window.toMillis());
        Instant reset = Instant.ofEpochMilli(start + window.toMillis());
        Counter c = counters.compute(bucket, (k, old) -> old == null || old.windowStart != start ? new Counter(start) : old);
        boolean allowed;
        long remaining;
        c.lock.lock();
        try {
            if (c.unspent == 0 && now >= c.fullUntil) {
                RateCounters.Lease lease = rows.lease(bucket, start, limit, MAX_LEASE);
                c.unspent = lease.granted();
                c.rowTotal = lease.total();
                c.leasedAt = now;
                c.fullUntil = lease.granted() == 0 ? now + FULL_RECHECK.toMillis() : 0;
            }
            allowed = c.unspent > 0;
            if (allowed) {
                c.unspent--;
            }
            remaining = Math.max(0, limit - c.rowTotal + c.unspent);
        } finally {
            c.lock.unlock();
        }
        if (!allowed) {
            meters.counter("secplane.ratelimit.refusals", "limit", bucket.substring(0, Math.max(0, bucket.indexOf(':')))).increment();
        }
        if (counters.size() > 100_000) {
            counters.values().removeIf(x -> x.windowStart != start && x.unspent == 0);
        }
        return new Outcome(allowed, limit, remaining, reset);
    }

    /** The state was replaced (its rate counters emptied): every count starts again. */
    @Override
    public void forgetAll() {
        counters.clear();
    }

    /** Gives back what was leased and not spent within {@link #LEASE_TTL}, so that other processes may spend it. */
    void returnStaleLeases() {
        returnLeases(System.currentTimeMillis() - LEASE_TTL.toMillis());
    }

    private void returnLeases(long leasedBefore) {
        counters.forEach((bucket, c) -> {
            if (c.unspent == 0 || c.leasedAt > leasedBefore || !c.lock.tryLock()) {
                return;
            }
            try {
                if (c.unspent > 0) {
                    c.rowTotal = rows.giveBack(bucket, c.windowStart, c.unspent);
                    c.unspent = 0;
                }
            } catch (RuntimeException e) {
                // the database is away: the lease stays here and is spent or returned later
                log.debug("could not return a rate-limit lease of {}: {}", bucket, e.toString());
            } finally {
                c.lock.unlock();
            }
        });
    }

    @Override
    protected Duration every() {
        return LEASE_TTL.dividedBy(2);
    }

    @Override
    protected void runOnce() {
        returnStaleLeases();
    }

    /** Stops returning leases by the clock and gives back every unspent one, while the database is still open. */
    @Override
    public void stop() {
        super.stop();
        returnLeases(Long.MAX_VALUE);
    }
}
