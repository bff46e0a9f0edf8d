package io.secplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server as its own process on a data directory, over plain HTTP on a free port: started, and
 * ready when its {@code server.json} names its pid. Tests kill it with SIGKILL and start it again.
 */
public final class ServerProcess {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServerProcess() {
    }

    /** Starts the server and waits until it answers (at most 90 s); its output goes to {@code log}. */
    public static Process start(Path dataDir, Path log, List<String> arguments) throws Exception {
        Files.deleteIfExists(dataDir.resolve("server.json"));
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.secplane.SecplaneApplication",
                "--data-dir=" + dataDir, "--management.server.port=0", "--secplane.https.enabled=false", "--secplane.http.port=0",
                "--logging.level.root=WARN"));
        cmd.addAll(arguments);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Path ready = dataDir.resolve("server.json");
            if (Files.exists(ready)) {
                JsonNode s = JSON.readTree(Files.readString(ready));
                if (s.get("pid").asLong() == p.pid()) {
                    return p;
                }
            }
            assertThat(p.isAlive()).as("the server process is up; its log: %s", log).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start within 90 s; its log: " + log);
    }

    /** The plain HTTP port of the server running on the data directory. */
    public static int port(Path dataDir) throws Exception {
        return JSON.readTree(Files.readString(dataDir.resolve("server.json"))).get("port").asInt();
    }

    /** What the first start wrote to {@code bootstrap.json}. */
    public static JsonNode bootstrap(Path dataDir) throws Exception {
        return JSON.readTree(Files.readString(dataDir.resolve("bootstrap.json")));
    }
}
