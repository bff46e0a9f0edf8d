package io.secplane.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A local certificate authority kept in {@code <data-dir>/tls}: {@code ca.pem} is what a user
 * hands to curl as {@code --cacert}; the server certificate names every built-in host.
 * The CA is made once; the server certificate is made again when it is missing, expires within
 * 30 days, or lacks a host name that is now asked for.
 */
public final class CertificateAuthority {

    public record Files(Path caCertificate, Path serverCertificate, Path serverKey) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
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
            if (java.nio.file.Files.exists(caCert) && java.nio.file.Files.exists(caKey)
                    && java.nio.file.Files.exists(serverCert) && java.nio.file.Files.exists(serverKey)
                    && !needsRenewal(readCertificateJdk(serverCert), hostNames)
                    && constrainsTo(readCertificateJdk(caCert), hostNames)) {
                // the usual start: nothing to make, and no need to load the certificate toolkit
                return new Files(caCert, serverCert, serverKey);
            }
            X509Certificate ca;
            PrivateKey caPrivate;
            if (java.nio.file.Files.exists(caCert) && java.nio.file.Files.exists(caKey)
                    && constrainsTo(readCertificateJdk(caCert), hostNames)) {
                ca = readCertificate(caCert);
                caPrivate = readKey(caKey);
            } else {
                if (java.nio.file.Files.exists(caCert)) {
                    System.err.println("secplane: the certificate authority in " + caCert + " may not sign the names "
                            + "asked for (or signs any name): a new one is made; trust the new ca.pem.");
                }
                KeyPair pair = rsa();
                ca = caCertificate(pair, hostNames);
                caPrivate = pair.getPrivate();
                writeSecret(caKey, pem(pair.getPrivate()));
                java.nio.file.Files.writeString(caCert, pem(ca));
            }
            KeyPair pair = rsa();
            X509Certificate cert = serverCertificate(pair, ca, caPrivate, hostNames);
            writeSecret(serverKey, pem(pair.getPrivate()));
            java.nio.file.Files.writeString(serverCert, pem(cert) + pem(ca));
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
    private static String canonical(String name) {
        if (looksLikeIp(name)) {
            try {
                return java.net.InetAddress.getByName(name).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return name;
            }
        }
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048, RANDOM);
        return gen.generateKeyPair();
    }

    /**
     * The names a CA may sign for: each name asked for (every {@code *.localhost} name under the one
     * subtree {@code localhost}) and each IP address alone. A user who trusts {@code ca.pem} so
     * trusts it for these names only, not for any host of the internet.
     */
    static List<GeneralSubtree> permitted(List<String> hostNames) {
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
        List<GeneralSubtree> out = new ArrayList<>();
        for (String d : dns) {
            out.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, d)));
        }
        for (String ip : ips) {
            try {
                byte[] address = java.net.InetAddress.getByName(ip).getAddress();
                byte[] withMask = new byte[address.length * 2];
                System.arraycopy(address, 0, withMask, 0, address.length);
                java.util.Arrays.fill(withMask, address.length, withMask.length, (byte) 0xff);
                out.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(withMask))));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + ip, e);
            }
        }
        return out;
    }

    /** Whether a CA carries name constraints that cover every name asked for. */
    static boolean constrainsTo(X509Certificate ca, List<String> hostNames) {
        byte[] raw = ca.getExtensionValue(Extension.nameConstraints.getId());
        if (raw == null) {
            return false;
        }
        NameConstraints constraints = NameConstraints.getInstance(ASN1OctetString.getInstance(raw).getOctets());
        if (constraints.getPermittedSubtrees() == null) {
            return false;
        }
        var have = new LinkedHashSet<String>();
        for (GeneralSubtree t : constraints.getPermittedSubtrees()) {
            have.add(t.getBase().toString());
        }
        for (GeneralSubtree want : permitted(hostNames)) {
            if (!have.contains(want.getBase().toString())) {
                return false;
            }
        }
        return true;
    }

    private static X509Certificate caCertificate(KeyPair pair, List<String> hostNames) throws Exception {
        X500Name name = new X500Name("CN=Secplane local CA " + Long.toHexString(RANDOM.nextLong() >>> 16) + ",O=Secplane");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
        var ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.nameConstraints, true,
                new NameConstraints(permitted(hostNames).toArray(GeneralSubtree[]::new), null));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        return sign(builder, pair.getPrivate());
    }

    private static X509Certificate serverCertificate(KeyPair pair, X509Certificate ca, PrivateKey caKey,
            List<String> hostNames) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(397))), new X500Name("CN=localhost,O=Secplane"), pair.getPublic());
        List<GeneralName> names = new ArrayList<>();
        for (String host : new LinkedHashSet<>(hostNames)) {
            if (looksLikeIp(host)) {
                names.add(new GeneralName(GeneralName.iPAddress, host));
            } else {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
        }
        var ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
        builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        return sign(builder, caKey);
    }

    private static boolean looksLikeIp(String host) {
        if (host.contains(":")) {
            return true;
        }
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(key);
        X509CertificateHolder holder = builder.build(signer);
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static X509Certificate readCertificate(Path path) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(java.nio.file.Files.newBufferedReader(path, StandardCharsets.US_ASCII))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        }
    }

    private static PrivateKey readKey(Path path) throws IOException {
        try (PEMParser parser = new PEMParser(java.nio.file.Files.newBufferedReader(path, StandardCharsets.US_ASCII))) {
            Object o = parser.readObject();
            var conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            return conv.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) o);
        }
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
