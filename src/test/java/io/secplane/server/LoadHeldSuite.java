package io.secplane.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.secplane.api.ApiTestSupport;
import io.secplane.support.Api;

/**
 * Load held: a mixed read and write workload (reads of an org and its users, admin groups created
 * and deleted) at 70% of the peak rate this machine reaches right before, for a bounded time
 * ({@code secplane.load.seconds}: 60 by default, {@code -Dsecplane.load.seconds=600} for the long
 * version): no error, no answer over a second, and the heap used after a full collection no larger
 * at the end than after the warm-up (within 25%).
 */
public abstract class LoadHeldSuite extends ApiTestSupport {

    private static final int THREADS = 8;

    /** One request of the mix (the load's own client skips the contract check, which the other suites do). */
    private Api.Reply one(long i) {
        return switch ((int) (i % 10)) {
            case 0, 1 -> admin.send("POST", org(orgA) + "/adminGroups", "{\"name\":\"load " + i + " " + System.nanoTime()
                    + "\"}", "application/json", List.of(), false);
            case 2, 3, 4 -> admin.send("GET", org(orgA) + "/users?max=20", null, null, List.of(), false);
            default -> admin.send("GET", org(orgA), null, null, List.of(), false);
        };
    }

    /** Requests per second THREADS closed-loop clients reach in a few seconds. */
    private long peak(int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.submit(() -> {
                long i = 0;
                while (System.nanoTime() < end) {
                    one(i++);
                    done.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30, TimeUnit.SECONDS);
        return done.get() / seconds;
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aMixedWorkloadAt70PercentOfPeakHoldsWithoutErrorsSlowAnswersOrGrowingMemory() throws Exception {
        int seconds = Integer.getInteger("secplane.load.seconds", 60);
        peak(5); // warm-up
        long peak = peak(5);
        long rate = Math.max(10, peak * 7 / 10);
        long intervalNanos = 1_000_000_000L * THREADS / rate; // each client's pace
        AtomicLong sent = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long[] heap = new long[2];
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long offset = intervalNanos * t / THREADS;
            clients.add(pool.submit(() -> {
                long next = start + offset;
                while (next < end) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    long i = sent.incrementAndGet();
                    long t0 = System.nanoTime();
                    Api.Reply r = one(i);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    slowest.accumulateAndGet(ms, Math::max);
                    if (r.status() / 100 != 2) {
                        errors.add(r.status() + " " + r.raw());
                    } else if (i % 10 < 2 && i % 20 == 0) {
                        // half of the groups made are deleted again
                        Api.Reply d = admin.send("DELETE", org(orgA) + "/adminGroups/" + r.json().get("id").asString(), null,
                                null, List.of(), false);
                        if (d.status() != 204) {
                            errors.add("delete: " + d.status() + " " + d.raw());
                        }
                    }
                    next += intervalNanos;
                }
            }));
        }
        Thread.sleep(Math.min(seconds * 1000L / 3, 20_000));
        heap[0] = heapAfterGc();
        for (Future<?> f : clients) {
            f.get(seconds + 60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        heap[1] = heapAfterGc();
        long achieved = sent.get() / seconds;
        System.out.printf("load held: peak %d req/s, held %d req/s (target %d) for %d s, %d requests; slowest %d ms; "
                + "heap after GC %d MB after warm-up, %d MB at the end%n", peak, achieved, rate, seconds, sent.get(),
                slowest.get(), heap[0] >> 20, heap[1] >> 20);
        assertThat(errors).as("errors under load").isEmpty();
        assertThat(slowest.get()).as("the slowest answer (ms)").isLessThan(1_000);
        assertThat(achieved).as("the rate held").isGreaterThanOrEqualTo(rate * 8 / 10);
        assertThat(heap[1]).as("heap used after a full collection, at the end against after the warm-up")
                .isLessThanOrEqualTo(heap[0] + Math.max(heap[0] / 4, 16L << 20));
    }
}
