package io.secplane.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.secplane.SecplaneProperties;

/**
 * Keeps the tables that grow with traffic at the size their retention gives them: every
 * {@code secplane.retention.interval}, the process that claims the sweep in the database (one of
 * those sharing it; the others skip that round) removes audit records, mail and rate counters older
 * than their retention, a batch per short transaction, so that no sweep holds a lock a request waits
 * on for long. A process that dies while sweeping leaves its claim to lapse (at most four intervals)
 * and the rows to the next sweep; nothing is half removed (each batch is one statement).
 */
@Component
public class Retention extends io.secplane.PeriodicJob {

    /** The longest rate window (IROH's and Secure Endpoint's: an hour); counters are kept past its end. */
    static final Duration LONGEST_RATE_WINDOW = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** What one sweep removed. */
    public record Swept(int auditRecords, int mail, int rateCounters) {
        public long total() {
            return (long) auditRecords + mail + rateCounters;
        }
    }

    private final RetentionRepository repository;
    private final SecplaneProperties.Retention settings;
    private final String process = UUID.randomUUID().toString();

    public Retention(RetentionRepository repository, SecplaneProperties properties) {
        super("retention");
        this.repository = repository;
        this.settings = properties.retention();
        for (Duration d : new Duration[] {settings.auditLog(), settings.outbox(), settings.rateCounters(), settings.interval()}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Every secplane.retention setting must be a positive duration; one is " + d + ".");
            }
        }
        if (settings.batch() < 1) {
            throw new IllegalArgumentException("secplane.retention.batch must be at least 1.");
        }
    }

    @Override
    protected Duration every() {
        return settings.interval();
    }

    @Override
    protected void runOnce() {
        sweepNow(Instant.now()); // the database may be away for a while: the next round tries again
    }

    /**
     * One sweep, if this process claims it (null when another holds it): everything older than its
     * retention at {@code now} removed.
     */
    public Swept sweepNow(Instant now) {
        Duration interval = settings.interval();
        if (!repository.claim(process, now, now.plus(interval.multipliedBy(4)))) {
            return null;
        }
        int batch = settings.batch();
        int audit = drain(() -> repository.auditLog(now.minus(settings.auditLog()), batch), batch);
        int mail = drain(() -> repository.outbox(now.minus(settings.outbox()), batch), batch);
        long windowsBefore = now.minus(settings.rateCounters()).minus(LONGEST_RATE_WINDOW).toEpochMilli();
        int counters = drain(() -> repository.rateCounters(windowsBefore, batch), batch);
        Swept swept = new Swept(audit, mail, counters);
        repository.finished(process, now.plus(interval).minusMillis(interval.toMillis() / 10), swept.total());
        if (swept.total() > 0) {
            log.info("Retention sweep removed {} audit records, {} mails, {} rate counters", audit, mail, counters);
        }
        return swept;
    }

    private int drain(java.util.function.IntSupplier batchRemoved, int batch) {
        int total = 0;
        int n;
        do {
            if (Thread.currentThread().isInterrupted()) {
                break; // stopping: the rest waits for the next sweep
            }
            n = batchRemoved.getAsInt();
            total += n;
        } while (n >= batch);
        return total;
    }
}
