package io.secplane.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.secplane.SecplaneApplication;
import io.secplane.support.Api;
import io.secplane.support.EmbeddedPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole server as a user starts it ({@code --demo}, HTTPS with its own CA) on a free port, with a
 * fresh data directory and database; the links it mails point at it. Clients trust its CA only.
 */
final class ConsoleServer implements AutoCloseable {

    ConfigurableApplicationContext context;
    private final String[] args;
    final Path dataDir;
    final int port;
    final String base;
    final JsonNode boot;
    final HttpClient http;

    ConsoleServer(String backend, String... extra) throws Exception {
        this.port = freePort();
        this.dataDir = Files.createTempDirectory("secplane-console-");
        this.base = "https://localhost:" + port;
        List<String> args = new ArrayList<>(List.of("--demo", "--data-dir=" + dataDir, "--management.server.port=0", "--secplane.https.port=" + port,
                "--secplane.http.enabled=false", "--secplane.mail.public-url=" + base));
        if (backend.equals("postgres")) {
            args.add("--database-url=" + EmbeddedPostgres.get().newDatabase());
            args.add("--database-user=postgres");
        }
        args.addAll(List.of(extra));
        this.args = args.toArray(String[]::new);
        this.context = SpringApplication.run(SecplaneApplication.class, SecplaneApplication.translateArguments(this.args));
        this.boot = JsonMapper.builder().build().readTree(Files.readString(dataDir.resolve("bootstrap.json")));
        this.http = HttpClient.newBuilder().sslContext(trusting(dataDir.resolve("tls/ca.pem")))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The APIs, as curl would call them (with --cacert). */
    Api api() {
        return new Api(base, http);
    }

    String secret(String name) {
        return boot.get(name).asString();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static SSLContext trusting(Path caPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            store.setCertificateEntry("secplane-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    /** Stops the server and starts it again on the same data directory, database and port. */
    void restart() {
        context.close();
        context = SpringApplication.run(SecplaneApplication.class, SecplaneApplication.translateArguments(args));
    }

    @Override
    public void close() {
        context.close();
    }
}
