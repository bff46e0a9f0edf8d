package io.secplane.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.secplane.SecplaneApplication;
import io.secplane.support.Api;
import io.secplane.support.Contract;
import io.secplane.support.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server as a user starts it (the same argument handling as main), over HTTPS with the
 * certificate it makes, in demo mode: the seed's steps answer the seed's data, the first start
 * prints and saves its secrets once, and everything written survives a restart.
 */
public abstract class RestartSuite {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACME = "550e8400-e29b-41d4-a716-446655440003";

    @TempDir
    Path dataDir;

    /** Extra arguments that choose the database; the same for both starts. */
    protected abstract List<String> databaseArguments();

    private record Started(ConfigurableApplicationContext context, String output) {
        int port() {
            return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        }
    }

    private Started start() {
        return start(List.of("--secplane.http.enabled=false"));
    }

    private Started start(List<String> ports) {
        List<String> args = new ArrayList<>(List.of("--demo", "--data-dir=" + dataDir, "--management.server.port=0", "--server.port=0"));
        args.addAll(ports);
        args.addAll(databaseArguments());
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            ConfigurableApplicationContext ctx = SpringApplication.run(SecplaneApplication.class,
                    SecplaneApplication.translateArguments(args.toArray(String[]::new)));
            return new Started(ctx, captured.toString());
        } finally {
            System.setOut(original);
        }
    }

    /** Every secret value bootstrap.json holds (tokens, passwords, claim codes) is absent from the text. */
    static void assertNoSecretIn(String output, JsonNode boot) {
        List<String> secrets = new ArrayList<>();
        for (String field : List.of("accessToken", "refreshToken", "adminPassword", "operatorToken", "xdrClientPassword")) {
            if (boot.hasNonNull(field)) {
                secrets.add(boot.get(field).asString());
            }
        }
        boot.path("claimCodes").forEach(c -> secrets.add(c.isString() ? c.asString() : c.path("code").asString()));
        boot.properties().forEach(e -> {
            if (e.getValue().isObject()) {
                e.getValue().properties().forEach(inner -> {
                    if (inner.getKey().toLowerCase(java.util.Locale.ROOT).matches(".*(password|secret|token).*")) {
                        secrets.add(inner.getValue().asString());
                    }
                });
            }
        });
        assertThat(secrets).as("secrets of bootstrap.json").isNotEmpty();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 8) {
                assertThat(output).as("the output holds a secret of bootstrap.json").doesNotContain(secret);
            }
        }
    }

    private Api https(int port) throws Exception {
        return new Api("https://localhost:" + port,
                HttpClient.newBuilder().sslContext(io.secplane.support.TrustedCa.of(dataDir)).build());
    }

    /**
     * With both ports on, the plain HTTP port is the HTTPS port without TLS: every connector setting
     * the same, and a query with characters real clients send unencoded is answered on both (the plain
     * port refused it with a 400 when it was made without the server's settings).
     */
    @Test
    void thePlainPortIsTheHttpsPortWithoutTls() throws Exception {
        int plainPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            plainPort = free.getLocalPort();
        }
        Started started = start(List.of("--secplane.http.port=" + plainPort));
        try {
            var server = (org.springframework.boot.tomcat.TomcatWebServer)
                    ((org.springframework.boot.web.server.context.WebServerApplicationContext) started.context()).getWebServer();
            List<org.apache.catalina.connector.Connector> connectors = List.of(server.getTomcat().getService().findConnectors());
            assertThat(connectors).hasSize(2);
            var tls = connectors.stream().filter(c -> c.getSecure()).findFirst().orElseThrow();
            var plain = connectors.stream().filter(c -> !c.getSecure()).findFirst().orElseThrow();
            assertThat(tls.getScheme()).isEqualTo("https");
            assertThat(plain.getScheme()).isEqualTo("http");
            assertThat(plain.getLocalPort()).isEqualTo(plainPort);
            for (String setting : List.of("relaxedQueryChars", "relaxedPathChars", "maxSwallowSize", "keepAliveTimeout",
                    "maxKeepAliveRequests", "maxHttpRequestHeaderSize", "maxThreads", "connectionTimeout", "maxConnections",
                    "acceptCount", "maxParameterCount")) {
                assertThat(String.valueOf(plain.getProperty(setting))).as(setting)
                        .isEqualTo(String.valueOf(tls.getProperty(setting)));
            }
            assertThat(String.valueOf(plain.getProperty("relaxedQueryChars"))).contains("[", "]", "|");
            assertThat(plain.getProperty("maxKeepAliveRequests")).isEqualTo(-1);
            assertThat(plain.getMaxPostSize()).isEqualTo(tls.getMaxPostSize()).isEqualTo(1024 * 1024);
            // requests on virtual threads where the JDK running the server has them, on both ports
            Class<?> expected = Runtime.version().feature() >= 21 ? org.apache.tomcat.util.threads.VirtualThreadExecutor.class
                    : org.apache.tomcat.util.threads.ThreadPoolExecutor.class;
            assertThat(plain.getProtocolHandler().getExecutor()).isInstanceOf(expected);
            assertThat(tls.getProtocolHandler().getExecutor()).isInstanceOf(expected);

            String token = JSON.readTree(Files.readString(dataDir.resolve("bootstrap.json"))).get("accessToken").asString();
            byte[] request = ("GET /v1/organizations?name=a[b]|c HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            for (var port : List.of(java.util.Map.entry(javax.net.SocketFactory.getDefault(), plainPort),
                    java.util.Map.entry(io.secplane.support.TrustedCa.of(dataDir).getSocketFactory(), started.port()))) {
                RawHttp.Reply r = RawHttp.send(port.getKey(), port.getValue(), request);
                assertThat(r.status()).as(port.getValue() + ": " + r.body()).isEqualTo(200);
                assertThat(r.json().get("organizations").isEmpty()).as(r.body()).isTrue();
                java.util.Map<String, List<String>> headers = new java.util.HashMap<>();
                r.headers().forEach((k, v) -> headers.put(k, List.of(v)));
                assertThat(Contract.problems("GET", "/v1/organizations", 200, headers, r.body())).isEmpty();
            }
        } finally {
            started.context().close();
        }
    }

    @Test
    void demoServerAnswersTheSeedOverHttpsAndKeepsItsDataAcrossARestart() throws Exception {
        Started first = start();
        JsonNode boot;
        String newAccess;
        String groupId;
        try {
            Path bootstrap = dataDir.resolve("bootstrap.json");
            assertThat(Files.getPosixFilePermissions(bootstrap)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            boot = JSON.readTree(Files.readString(bootstrap));
            assertThat(boot.propertyNames()).contains("orgId", "apiKeyId", "accessToken", "refreshToken", "adminEmail",
                    "adminPassword");
            assertThat(boot.get("orgId").asString()).isEqualTo(ACME);
            // issue 21, item 5: no secret of the first (demo) start in its output, the log of `./secplane start`;
            // the output says where they are
            assertThat(first.output()).contains(bootstrap.toAbsolutePath().normalize().toString());
            assertNoSecretIn(first.output(), boot);

            Api api = https(first.port()).as(boot.get("accessToken").asString());
            // issue 21, item 9: the demo's XDR and Secure Endpoint in NAM are a subscription of Acme's
            Api.Reply subs = api.get("/v1/organizations/" + ACME + "/subscriptions");
            assertThat(subs.status()).as(subs.raw()).isEqualTo(200);
            assertThat(subs.raw()).contains("secure-endpoint").contains("\"xdr\"").contains("NAM").contains("\"status\":\"active\"");
            JsonNode list = api.get("/v1/organizations").json();
            assertThat(list.get("organizations").get(0).get("id").asString()).isEqualTo(ACME);
            assertThat(list.get("organizations").get(0).get("name").asString()).isEqualTo("Acme Corp");
            JsonNode acme = api.get("/v1/organizations/" + ACME).json();
            assertThat(acme.get("regionCode").asString()).isEqualTo("NAM");
            assertThat(acme.get("created").asString()).isEqualTo("2025-10-10T10:15:30Z");
            assertThat(acme.get("managedOrgIds").toString())
                    .isEqualTo("[\"550e8400-e29b-41d4-a716-446655440000\",\"550e8400-e29b-41d4-a716-446655440001\"]");
            assertThat(acme.get("managerOrgIds").toString()).contains("550e8400-e29b-41d4-a716-446655440004");
            Api.Reply group = api.post("/v1/organizations/" + ACME + "/adminGroups",
                    "{\"name\": \"Engineering_Team\", \"description\": \"Engineering department group\", \"appliesTo\": \"all\"}");
            assertThat(group.status()).isEqualTo(201);
            groupId = group.json().get("id").asString();
            Api.Reply refreshed = https(first.port()).send("POST", "/v1/organizations/" + ACME + "/apiKeys/"
                            + boot.get("apiKeyId").asString() + "/token", "grant_type=refresh_token",
                    "application/x-www-form-urlencoded", List.of("Authorization", "Bearer " + boot.get("refreshToken").asString()));
            assertThat(refreshed.status()).isEqualTo(200);
            newAccess = refreshed.json().get("access_token").asString();
            tlsOffersOnlyAeadSuitesWithForwardSecrecy(first.port());
        } finally {
            first.context().close();
        }
        theDataDirectoryIsTheOwnersOnly();
        theCertificateAuthorityMaySignOnlyItsOwnNames();

        String bootstrapBefore = Files.readString(dataDir.resolve("bootstrap.json"));
        Started second = start();
        try {
            assertThat(second.output()).doesNotContain(boot.get("adminPassword").asString()).doesNotContain("accessToken");
            assertThat(Files.readString(dataDir.resolve("bootstrap.json"))).isEqualTo(bootstrapBefore);
            Api api = https(second.port()).as(newAccess);
            JsonNode groups = api.get("/v1/organizations/" + ACME + "/adminGroups").json();
            assertThat(groups.get("adminGroups")).hasSize(1);
            assertThat(groups.get("adminGroups").get(0).get("id").asString()).isEqualTo(groupId);
            assertThat(api.get("/v1/organizations").json().get("organizations")).hasSize(3);
            // the refresh token the first run used up stays used up
            Api.Reply reuse = https(second.port()).send("POST", "/v1/organizations/" + ACME + "/apiKeys/"
                            + boot.get("apiKeyId").asString() + "/token", "grant_type=refresh_token",
                    "application/x-www-form-urlencoded", List.of("Authorization", "Bearer " + boot.get("refreshToken").asString()));
            assertThat(reuse.status()).isEqualTo(401);
        } finally {
            second.context().close();
        }
    }

    private void theDataDirectoryIsTheOwnersOnly() throws Exception {
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var all = Files.walk(dataDir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                assertThat(Files.getPosixFilePermissions(p)).as(p.toString())
                        .isEqualTo(PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
            }
        }
    }

    private void theCertificateAuthorityMaySignOnlyItsOwnNames() throws Exception {
        java.security.cert.X509Certificate ca;
        try (InputStream in = Files.newInputStream(dataDir.resolve("tls/ca.pem"))) {
            ca = (java.security.cert.X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.30");
        java.security.cert.X509Certificate server;
        try (InputStream in = Files.newInputStream(dataDir.resolve("tls/server.pem"))) {
            server = (java.security.cert.X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        List<String> names = new ArrayList<>();
        server.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
        assertThat(names).contains("api.security.localhost", "localhost", "127.0.0.1")
                .noneMatch(n -> n.endsWith("cisco.com"));
    }

    /** TLS 1.2 with a CBC or non-forward-secret suite is refused; an ECDHE AEAD suite is taken. */
    private static void tlsOffersOnlyAeadSuitesWithForwardSecrecy(int port) throws Exception {
        SSLContext any = SSLContext.getInstance("TLSv1.2");
        any.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }

            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        for (String weak : List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256")) {
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) any.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                socket.setEnabledCipherSuites(new String[] {weak});
                org.assertj.core.api.Assertions.assertThatThrownBy(socket::startHandshake).as(weak)
                        .isInstanceOf(javax.net.ssl.SSLException.class);
            }
        }
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) any.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"});
            socket.startHandshake();
            // the server's order: AES-256 first, whatever the client prefers
            assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        }
    }
}
