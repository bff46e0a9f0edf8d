package io.secplane.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
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

/** Makes the local CA and the server certificate, with Bouncy Castle (only when there is one to make). */
final class CertificateIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** A new server certificate, signed by the CA in place ({@code keepCa}) or by a new one. */
    static void issue(Path caCert, Path caKey, Path serverCert, Path serverKey, List<String> hostNames, boolean keepCa)
            throws Exception {
        X509Certificate ca;
        PrivateKey caPrivate;
        if (keepCa) {
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
            CertificateAuthority.writeSecret(caKey, pem(pair.getPrivate()));
            java.nio.file.Files.writeString(caCert, pem(ca));
        }
        KeyPair pair = rsa();
        X509Certificate cert = serverCertificate(pair, ca, caPrivate, hostNames);
        CertificateAuthority.writeSecret(serverKey, pem(pair.getPrivate()));
        java.nio.file.Files.writeString(serverCert, pem(cert) + pem(ca));
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048, RANDOM);
        return gen.generateKeyPair();
    }

    static List<GeneralSubtree> permitted(List<String> hostNames) {
        CertificateAuthority.Subtrees s = CertificateAuthority.Subtrees.of(hostNames);
        List<GeneralSubtree> out = new ArrayList<>();
        for (String d : s.dns()) {
            out.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, d)));
        }
        for (byte[] ip : s.ipsWithMask()) {
            out.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip))));
        }
        return out;
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
            if (CertificateAuthority.looksLikeIp(host)) {
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

}
