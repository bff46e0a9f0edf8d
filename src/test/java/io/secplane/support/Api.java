package io.secplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client against the started server. Every response is checked against the contract
 * (unless the test says the request is outside it), so a test cannot pass on a response the
 * contract does not allow.
 */
public final class Api {

    public record Reply(int status, Map<String, List<String>> headers, String raw, JsonNode json) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client;
    private final String base;
    private String token;
    private String host;
    private Duration timeout = Duration.ofSeconds(30);

    public Api(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public Api(String base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    public Api as(String accessToken) {
        return copy(accessToken, host, timeout);
    }

    private Api copy(String token, String host, Duration timeout) {
        Api copy = new Api(base, client);
        copy.token = token;
        copy.host = host;
        copy.timeout = timeout;
        return copy;
    }

    /** The access token this client sends, if any. */
    public String token() {
        return token;
    }

    /** Sends the requests with this Host header (the way curl reaches api.security.localhost and the rest). */
    public Api onHost(String hostName) {
        return copy(token, hostName, timeout);
    }

    /** Gives up on each request after this long (an exception), instead of 30 s. */
    public Api withTimeout(Duration limit) {
        return copy(token, host, limit);
    }

    public Reply get(String path) {
        return send("GET", path, null, "application/json", List.of());
    }

    public Reply post(String path, String json) {
        return send("POST", path, json, "application/json", List.of());
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json, "application/json", List.of());
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, "application/json", List.of());
    }

    public Reply send(String method, String path, String body, String contentType, List<String> extraHeaders) {
        return send(method, path, body, contentType, extraHeaders, true);
    }

    public Reply send(String method, String path, String body, String contentType, List<String> extraHeaders,
                      boolean checkContract) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (host != null) {
            b.header("Host", host);
        }
        for (int i = 0; i + 1 < extraHeaders.size(); i += 2) {
            b.setHeader(extraHeaders.get(i), extraHeaders.get(i + 1));
        }
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
        JsonNode json = null;
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (ct.contains("json") && !r.body().isEmpty()) {
            json = JSON.readTree(r.body());
        }
        Reply reply = new Reply(r.statusCode(), r.headers().map(), r.body(), json);
        if (checkContract) {
            String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            List<String> problems = new ArrayList<>(Contract.problems(host, method, rawPath, r.statusCode(), r.headers().map(), r.body()));
            assertThat(problems).as("contract check of %s %s -> %s %s", method, path, r.statusCode(), r.body()).isEmpty();
        }
        return reply;
    }
}
