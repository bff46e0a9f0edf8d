package io.secplane.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.secplane.support.Api;
import io.secplane.support.ServerProcess;
import tools.jackson.databind.JsonNode;

/**
 * The server as its own process, killed with SIGKILL while eight clients create admin groups and
 * right after a refresh answered 200; then started again. Every write answered 2xx is there, none
 * refused is, and the refresh rotation is as it was answered: the new refresh token works, the
 * used one does not. Three rounds.
 */
public abstract class CrashSuite {

    @TempDir
    Path dataDir;

    /** Extra arguments that choose the database; the same for every start. */
    protected abstract List<String> databaseArguments();

    private Process start(Path log) throws Exception {
        return ServerProcess.start(dataDir, log, databaseArguments());
    }

    private int port() throws Exception {
        return ServerProcess.port(dataDir);
    }

    @Test
    void acknowledgedWritesSurviveAKillAndTheRefreshRotationStandsAsAnswered() throws Exception {
        Path logs = Files.createTempDirectory("secplane-crash-logs-");
        server = start(logs.resolve("start-0.log"));
        try {
            rounds(logs);
        } finally {
            // a failed assertion must not leave the server running after the test
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
            for (File f : logs.toFile().listFiles()) {
                f.delete();
            }
            Files.deleteIfExists(logs);
        }
    }

    private Process server;

    private void rounds(Path logs) throws Exception {
        JsonNode boot = ServerProcess.bootstrap(dataDir);
        // issue 21, item 5: the first start's output (what `./secplane start` writes to its log) holds no secret
        RestartSuite.assertNoSecretIn(Files.readString(logs.resolve("start-0.log")), boot);
        String org = boot.get("orgId").asString();
        String keyId = boot.get("apiKeyId").asString();
        String access = boot.get("accessToken").asString();
        String refresh = boot.get("refreshToken").asString();
        String used = null;
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        for (int round = 1; round <= 3; round++) {
            Api api = new Api("http://127.0.0.1:" + port());
            Api admin = api.as(access);
            String groups = "/v1/organizations/" + org + "/adminGroups";
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    while (!stop.get()) {
                        boolean bad = java.util.concurrent.ThreadLocalRandom.current().nextInt(10) == 0;
                        String name = (bad ? "x".repeat(300) + "-" : "crash-") + UUID.randomUUID();
                        try {
                            Api.Reply r = admin.send("POST", groups, "{\"name\":\"" + name + "\"}", "application/json",
                                    List.of(), false);
                            if (r.status() == 201) {
                                acknowledged.add(r.json().get("id").asString());
                            } else if (r.status() >= 400 && r.status() < 500) {
                                refused.add(name);
                            }
                        } catch (RuntimeException connectionLost) {
                            // the kill: an answer never given acknowledges nothing
                        }
                    }
                });
            }
            // the kill comes once writes are being answered (a first start on a slow machine takes a while)
            for (int wait = 0; wait < 300 && acknowledged.isEmpty(); wait++) {
                Thread.sleep(100);
            }
            Thread.sleep(1500);
            Api.Reply rotated = api.send("POST", "/v1/organizations/" + org + "/apiKeys/" + keyId + "/token",
                    "grant_type=refresh_token", "application/x-www-form-urlencoded", List.of("Authorization", "Bearer " + refresh));
            assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
            used = refresh;
            refresh = rotated.json().get("refresh_token").asString();
            access = rotated.json().get("access_token").asString();
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            server.waitFor(30, TimeUnit.SECONDS);
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(acknowledged).as("writes acknowledged before the kill in round %d", round).isNotEmpty();

            server = start(logs.resolve("start-" + round + ".log"));
            Api after = new Api("http://127.0.0.1:" + port()).as(access);
            Set<String> present = new java.util.HashSet<>();
            after.get(groups).json().get("adminGroups").forEach(g -> present.add(g.get("id").asString()));
            assertThat(present).as("round %d: every admin group answered 201 is there after the kill", round)
                    .containsAll(acknowledged);
            Set<String> names = new java.util.HashSet<>();
            after.get(groups).json().get("adminGroups").forEach(g -> names.add(g.get("name").asString()));
            assertThat(names).as("round %d: no refused write is there", round).doesNotContainAnyElementsOf(refused);
        }
        // the rotation answered before the last kill stands: the newest refresh token works once more
        Api api = new Api("http://127.0.0.1:" + port());
        String path = "/v1/organizations/" + org + "/apiKeys/" + keyId + "/token";
        Api.Reply newest = api.send("POST", path, "grant_type=refresh_token", "application/x-www-form-urlencoded",
                List.of("Authorization", "Bearer " + refresh));
        assertThat(newest.status()).as(newest.raw()).isEqualTo(200);
        // and the one it replaced stays used up
        Api.Reply old = api.send("POST", path, "grant_type=refresh_token", "application/x-www-form-urlencoded",
                List.of("Authorization", "Bearer " + used));
        assertThat(old.status()).isEqualTo(401);
    }
}
