package io.secplane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running server's operator API, called from its own machine: the address from
 * {@code <data-dir>/server.json}, the operator token from {@code bootstrap.json}, the server's
 * certificate trusted through {@code tls/ca.pem}. For the commands that cannot open the database
 * while the server holds it (a reset, a snapshot, an export or an import).
 */
final class OperatorCall {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, byte[] body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        /** The error's message, as the API gives it. */
        String message() {
            try {
                JsonNode m = json().get("message");
                return m == null ? new String(body, java.nio.charset.StandardCharsets.UTF_8) : m.asString();
            } catch (RuntimeException e) {
                return new String(body, java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }

    private final HttpClient client;
    private final String base;
    private final String token;

    private OperatorCall(HttpClient client, String base, String token) {
        this.client = client;
        this.base = base;
        this.token = token;
    }

    /** The server running on a data directory; an exception with a sentence for the user when there is none. */
    static OperatorCall of(String dataDir) throws Exception {
        Path data = Path.of(dataDir == null ? "./data" : dataDir);
        Path server = data.resolve("server.json");
        if (!Files.isReadable(server)) {
            throw new IllegalStateException("no server is running on " + data + " (start it with ./secplane start).");
        }
        JsonNode s = JSON.readTree(Files.readString(server));
        Path boot = data.resolve("bootstrap.json");
        JsonNode b = Files.isReadable(boot) ? JSON.readTree(Files.readString(boot)) : null;
        if (b == null || b.get("operatorToken") == null) {
            throw new IllegalStateException(boot + " has no operatorToken.");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        String base;
        Path ca = data.resolve("tls").resolve("ca.pem");
        if (s.path("https").asBoolean(false) && Files.isReadable(ca)) {
            builder.sslContext(trusting(ca));
            base = "https://localhost:" + s.get("port").asInt();
        } else if (s.path("https").asBoolean(false)) {
            if (!s.has("httpPort")) {
                throw new IllegalStateException("the server answers HTTPS with a certificate of its own and no HTTP port: "
                        + "call its operator API with curl instead.");
            }
            base = "http://localhost:" + s.get("httpPort").asInt();
        } else {
            base = "http://localhost:" + s.get("port").asInt();
        }
        return new OperatorCall(builder.build(), base, b.get("operatorToken").asString());
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            store.setCertificateEntry("secplane-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    Reply send(String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body());
    }
}
