package io.secplane.datadir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The data directory holds the database (and with it the signing keys), the CA's key and the
 * bootstrap secrets: it is made owner-only (0700) and every file in it 0600, whatever the umask.
 * Runs once the context's initializers have settled the directory (tests choose a temporary one),
 * before any bean opens the database; {@link #secure(Path)} runs again after the database files exist.
 */
public class DataDirectory implements ApplicationListener<ApplicationContextInitializedEvent> {

    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        String dir = event.getApplicationContext().getEnvironment().getProperty("secplane.data-dir");
        if (dir != null && !Boolean.getBoolean("spring.aot.processing")) {
            secure(Path.of(dir));
        }
    }

    /** Makes the directory if needed and narrows it and everything in it to the owner. */
    public static void secure(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    if (!Files.isSymbolicLink(p)) {
                        Files.setPosixFilePermissions(p, Files.isDirectory(p) ? DIR : FILE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure the data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
