package io.secplane.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secplane.support.Api;
import io.secplane.support.ServerProcess;
import io.secplane.tls.ServerSetup;
import tools.jackson.databind.JsonNode;

/**
 * Issue 21, item 8, measured: the embedded database's file under steady writes against its
 * compacted size, and a file written under that load and killed with SIGKILL reopening with every
 * acknowledged write. The server is its own process on a 12 MB H2 database; four clients create,
 * rename and delete admin groups flat out for {@code secplane.soak.seconds} while the file's size
 * is read ten times a second. The compacted size is the file's after H2's {@code SHUTDOWN COMPACT}
 * at the end of the same run. Run by {@code bench/h2-soak.sh}; the suite skips it.
 */
class H2SoakTest {

    @TempDir
    Path dataDir;

    /** Writes about {@code bytes} of sent mail into the stopped server's database, in one transaction. */
    private void seed(long bytes) throws Exception {
        try (Connection c = DriverManager.getConnection(ServerSetup.h2Url(dataDir), "sa", "")) {
            c.setAutoCommit(false);
            var insert = c.prepareStatement("INSERT INTO mail_outbox (id, recipient, subject, body, created_at, sent_at) "
                    + "VALUES (RANDOM_UUID(), 'seed@example.com', 'seed', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            var random = new java.util.Random(8);
            for (long written = 0; written < bytes; written += 2000) {
                StringBuilder body = new StringBuilder(2000);
                for (int i = 0; i < 2000; i++) {
                    body.append((char) ('a' + random.nextInt(26)));
                }
                insert.setString(1, body.toString());
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
            c.createStatement().execute("SHUTDOWN COMPACT");
        }
    }

    @Test
    void theFileStaysWithinTwiceItsCompactedSizeUnderSteadyWritesAndReopensAfterAKill() throws Exception {
        // a measurement of minutes, run by bench/h2-soak.sh, not by the suite
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("secplane.soak.seconds") != null,
                "the H2 soak runs with -Dsecplane.soak.seconds (bench/h2-soak.sh)");
        long seconds = Long.getLong("secplane.soak.seconds", 300);
        Class.forName("org.h2.Driver");
        Path logs = Files.createTempDirectory("secplane-soak-logs-");
        Path file = dataDir.resolve("secplane.mv.db");
        Process server = ServerProcess.start(dataDir, logs.resolve("seed.log"), List.of());
        try {
            // a database of the size the issue measured (13.5 MB compacted): its first start, then
            // sent mail written straight into it, then the server again
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            seed(12_000_000);
            server = ServerProcess.start(dataDir, logs.resolve("start-0.log"), List.of());
            JsonNode boot = ServerProcess.bootstrap(dataDir);
            String groups = "/v1/organizations/" + boot.get("orgId").asString() + "/adminGroups";
            Api admin = new Api("http://127.0.0.1:" + ServerProcess.port(dataDir)).as(boot.get("accessToken").asString());
            Set<String> live = ConcurrentHashMap.newKeySet();
            Set<String> deleted = ConcurrentHashMap.newKeySet();
            AtomicLong writes = new AtomicLong();
            AtomicLong largest = new AtomicLong();
            List<Long> sizes = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            long seeded = Files.size(file);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService clients = Executors.newFixedThreadPool(5);
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        Api.Reply made = admin.post(groups, "{\"name\":\"soak-" + UUID.randomUUID() + "\"}");
                        if (made.status() != 201) {
                            continue;
                        }
                        String id = made.json().get("id").asString();
                        live.add(id);
                        writes.incrementAndGet();
                        for (int i = 0; i < 3; i++) {
                            if (admin.put(groups + "/" + id, "{\"name\":\"soak-renamed-" + UUID.randomUUID() + "\"}").status() == 200) {
                                writes.incrementAndGet();
                            }
                        }
                        if (ThreadLocalRandom.current().nextBoolean() && admin.delete(groups + "/" + id).status() / 100 == 2) {
                            live.remove(id);
                            deleted.add(id);
                            writes.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            clients.submit(() -> {
                while (System.nanoTime() < end) {
                    long size = Files.size(file);
                    sizes.add(size);
                    largest.accumulateAndGet(size, Math::max);
                    Thread.sleep(100);
                }
                return null;
            });
            clients.shutdown();
            assertThat(clients.awaitTermination(seconds + 120, TimeUnit.SECONDS)).isTrue();
            long beforeKill = Files.size(file);

            server.destroyForcibly(); // SIGKILL while the file is as the load left it
            server.waitFor(30, TimeUnit.SECONDS);
            server = ServerProcess.start(dataDir, logs.resolve("start-1.log"), List.of());
            Api after = new Api("http://127.0.0.1:" + ServerProcess.port(dataDir)).as(boot.get("accessToken").asString());
            Set<String> present = new HashSet<>();
            String cursor = null;
            do {
                JsonNode page = after.get(groups + "?max=500" + (cursor == null ? "" : "&cursor=" + cursor)).json();
                page.get("adminGroups").forEach(g -> present.add(g.get("id").asString()));
                cursor = page.hasNonNull("cursor") ? page.get("cursor").asString() : null;
            } while (cursor != null);
            assertThat(present).as("every group answered 201 and not deleted is there after the kill").containsAll(live);
            assertThat(present).as("no group answered deleted is").doesNotContainAnyElementsOf(deleted);

            server.destroy(); // a clean stop, then H2's own full compaction of the file, offline
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            try (Connection c = DriverManager.getConnection(ServerSetup.h2Url(dataDir), "sa", "")) {
                c.createStatement().execute("SHUTDOWN COMPACT");
            }
            long compacted = Files.size(file);
            double ratio = (double) largest.get() / compacted;
            List<Long> sorted = new java.util.ArrayList<>(sizes);
            java.util.Collections.sort(sorted);
            System.out.printf("h2 soak: file sizes read %d times from %.1f MB at the start: median %.1f MB, 90th percentile %.1f MB%n",
                    sorted.size(), seeded / 1e6, sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 9 / 10) / 1e6);
            System.out.printf("h2 soak: %d s, %d writes acknowledged (%.0f/s), %d groups live; file at most %.1f MB, "
                            + "%.1f MB at the kill, %.1f MB compacted: largest / compacted = %.2f (issue 21 asks at most 2)%n",
                    seconds, writes.get(), writes.get() / (double) seconds, live.size(), largest.get() / 1e6,
                    beforeKill / 1e6, compacted / 1e6, ratio);
            // issue 21, item 8 asks for at most 2: not met yet (see bench/h2-soak.sh); what this asserts is
            // that a file written under this load and killed reopens with every acknowledged write
            assertThat(writes.get()).as("writes acknowledged").isGreaterThan(seconds * 20);
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
            try (var files = Files.list(logs)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(logs);
        }
    }
}
