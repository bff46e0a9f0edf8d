package io.secplane.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A local certificate authority kept in {@code <data-dir>/tls}: {@code ca.pem} is what a user
 * hands to curl as {@code --cacert}; the server certificate names every built-in host.
 * The CA is made once; the server certificate is made again when it is missing, expires within
 * 30 days, or lacks a host name that is now asked for. A start with nothing to make reads the
 * files with the JDK alone: the certificate toolkit ({@link CertificateIssuer}) is loaded only to make them.
 */
public final class CertificateAuthority {

    public record Files(Path caCertificate, Path serverCertificate, Path serverKey) {
    }

    private final Path dir;

    public CertificateAuthority(Path dir) {
        this.dir = dir;
    }

    public Files ensure(List<String> hostNames) {
        try {
            io.secplane.datadir.DataDirectory.secure(dir.getParent());
            java.nio.file.Files.createDirectories(dir);
            Path caCert = dir.resolve("ca.pem");
            Path caKey = dir.resolve("ca-key.pem");
            Path serverCert = dir.resolve("server.pem");
            Path serverKey = dir.resolve("server-key.pem");
            boolean caUsable = java.nio.file.Files.exists(caCert) && java.nio.file.Files.exists(caKey)
                    && constrainsTo(readCertificateJdk(caCert), hostNames);
            if (caUsable && java.nio.file.Files.exists(serverCert) && java.nio.file.Files.exists(serverKey)
                    && !needsRenewal(readCertificateJdk(serverCert), hostNames)) {
                // the usual start: nothing to make, and no need to load the certificate toolkit
                return new Files(caCert, serverCert, serverKey);
            }
            CertificateIssuer.issue(caCert, caKey, serverCert, serverKey, hostNames, caUsable);
            return new Files(caCert, serverCert, serverKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the TLS certificate in " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the TLS certificate: " + e.getMessage(), e);
        }
    }

    private static boolean needsRenewal(X509Certificate cert, List<String> names) throws GeneralSecurityException {
        if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(30)))) {
            return true;
        }
        var present = new LinkedHashSet<String>();
        if (cert.getSubjectAlternativeNames() != null) {
            for (List<?> san : cert.getSubjectAlternativeNames()) {
                present.add(canonical(String.valueOf(san.get(1))));
            }
        }
        for (String n : names) {
            if (!present.contains(canonical(n))) {
                return true;
            }
        }
        return false;
    }

    private static X509Certificate readCertificateJdk(Path path) throws IOException, GeneralSecurityException {
        try (var in = java.nio.file.Files.newInputStream(path)) {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** IP addresses in one spelling (::1 is stored as 0:0:0:0:0:0:0:1); names in lower case. */
    static String canonical(String name) {
        if (looksLikeIp(name)) {
            try {
                return java.net.InetAddress.getByName(name).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return name;
            }
        }
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The names a CA may sign for: each name asked for (every {@code *.localhost} name under the one
     * subtree {@code localhost}) and each IP address alone (with an all-ones mask). A user who trusts
     * {@code ca.pem} so trusts it for these names only, not for any host of the internet.
     */
    record Subtrees(Set<String> dns, List<byte[]> ipsWithMask) {

        static Subtrees of(List<String> hostNames) {
            var dns = new LinkedHashSet<String>();
            var ips = new LinkedHashSet<String>();
            for (String host : hostNames) {
                String h = canonical(host);
                if (looksLikeIp(host)) {
                    ips.add(h);
                } else {
                    dns.add(h.equals("localhost") || h.endsWith(".localhost") ? "localhost" : h);
                }
            }
            List<byte[]> masked = new ArrayList<>();
            for (String ip : ips) {
                try {
                    byte[] address = java.net.InetAddress.getByName(ip).getAddress();
                    byte[] withMask = new byte[address.length * 2];
                    System.arraycopy(address, 0, withMask, 0, address.length);
                    java.util.Arrays.fill(withMask, address.length, withMask.length, (byte) 0xff);
                    masked.add(withMask);
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalArgumentException("not an IP address: " + ip, e);
                }
            }
            return new Subtrees(dns, masked);
        }
    }

    /** Whether a CA carries name constraints that cover every name asked for (read with the JDK alone). */
    static boolean constrainsTo(X509Certificate ca, List<String> hostNames) {
        Set<String> have = NameConstraintsReader.permitted(ca);
        if (have == null) {
            return false;
        }
        Subtrees want = Subtrees.of(hostNames);
        for (String d : want.dns()) {
            if (!have.contains("dns:" + d)) {
                return false;
            }
        }
        for (byte[] ip : want.ipsWithMask()) {
            if (!have.contains("ip:" + java.util.HexFormat.of().formatHex(ip))) {
                return false;
            }
        }
        return true;
    }

    static boolean looksLikeIp(String host) {
        if (host.contains(":")) {
            return true;
        }
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** Written readable by the owner only, where the file system knows POSIX permissions. */
    public static void writeSecret(Path path, String content) throws IOException {
        // written whole to a file of the owner's only, then moved into place in one step: a reader
        // (./secplane start, a test, a crash halfway) sees the old file or the new one, never a part
        Path tmp = path.resolveSibling("." + path.getFileName() + ".tmp");
        java.nio.file.Files.deleteIfExists(tmp);
        try {
            java.nio.file.Files.createFile(tmp,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            java.nio.file.Files.createFile(tmp);
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ch.force(true);
        }
        java.nio.file.Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
