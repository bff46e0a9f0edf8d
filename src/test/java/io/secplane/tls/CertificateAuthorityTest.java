package io.secplane.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final List<String> NAMES = List.of("localhost", "api.security.localhost", "127.0.0.1", "::1");

    @TempDir
    Path dataDir;

    @Test
    void theCasNameConstraintsReadWithTheJdkAloneAreTheNamesItWasMadeFor() throws Exception {
        CertificateAuthority.Files files = new CertificateAuthority(dataDir.resolve("tls")).ensure(NAMES);
        X509Certificate ca = read(files.caCertificate());
        assertThat(NameConstraintsReader.permitted(ca)).containsExactly("dns:localhost",
                "ip:7f000001ffffffff", "ip:00000000000000000000000000000001ffffffffffffffffffffffffffffffff");
        assertThat(CertificateAuthority.constrainsTo(ca, NAMES)).isTrue();
        assertThat(CertificateAuthority.constrainsTo(ca, List.of("0:0:0:0:0:0:0:1", "LOCALHOST"))).isTrue();
        assertThat(CertificateAuthority.constrainsTo(ca, List.of("localhost", "example.com"))).isFalse();
        assertThat(CertificateAuthority.constrainsTo(ca, List.of("localhost", "10.0.0.1"))).isFalse();
        // a certificate without name constraints (the server's): not a CA we may keep
        X509Certificate server = read(files.serverCertificate());
        assertThat(NameConstraintsReader.permitted(server)).isNull();
        assertThat(CertificateAuthority.constrainsTo(server, NAMES)).isFalse();
    }

    @Test
    void aLaterStartKeepsTheFilesAndANewNameMakesANewCaForAllTheNames() throws Exception {
        CertificateAuthority authority = new CertificateAuthority(dataDir.resolve("tls"));
        CertificateAuthority.Files first = authority.ensure(NAMES);
        byte[] ca = Files.readAllBytes(first.caCertificate());
        byte[] server = Files.readAllBytes(first.serverCertificate());
        CertificateAuthority.Files again = authority.ensure(NAMES);
        assertThat(Files.readAllBytes(again.caCertificate())).isEqualTo(ca);
        assertThat(Files.readAllBytes(again.serverCertificate())).isEqualTo(server);

        List<String> more = new java.util.ArrayList<>(NAMES);
        more.add("secplane.example.com");
        CertificateAuthority.Files renewed = authority.ensure(more);
        assertThat(Files.readAllBytes(renewed.caCertificate())).isNotEqualTo(ca);
        X509Certificate newCa = read(renewed.caCertificate());
        assertThat(NameConstraintsReader.permitted(newCa)).contains("dns:localhost", "dns:secplane.example.com");
        assertThat(CertificateAuthority.constrainsTo(newCa, more)).isTrue();
        X509Certificate newServer = read(renewed.serverCertificate());
        newServer.verify(newCa.getPublicKey());
        assertThat(newServer.getSubjectAlternativeNames()).extracting(n -> String.valueOf(n.get(1)))
                .contains("secplane.example.com", "api.security.localhost");
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
