package io.secplane;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.SmartLifecycle;

/**
 * Work a server process does by itself every so often (mail delivery, the retention sweep, rate
 * leases given back) on its own daemon thread: started with the application, stopped before the
 * database and the other beans it uses are closed, so that a stopping process never runs it against
 * a closed pool.
 */
public abstract class PeriodicJob implements SmartLifecycle {

    private final String name;
    private final AtomicBoolean running = new AtomicBoolean();
    private ScheduledExecutorService executor;

    protected PeriodicJob(String name) {
        this.name = name;
    }

    /** The time before the first run and between the end of one and the start of the next; null: not at all. */
    protected abstract Duration every();

    /** One run; an exception ends that run only. */
    protected abstract void runOnce();

    /** Runs the job soon, beside its schedule (e.g. when work arrives). */
    protected final void soon() {
        ScheduledExecutorService e = executor;
        if (e != null && running.get()) {
            e.execute(this::safely);
        }
    }

    @Override
    public void start() {
        Duration every = every();
        if (every == null || !running.compareAndSet(false, true)) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::safely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(getClass()).warn("{} failed; it runs again later: {}", name, e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
