package io.secplane.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's session with the console, without the browser: it keeps the session cookie (sent by
 * hand, as the cookie is Secure and tests may speak plain HTTP on loopback), follows nothing by
 * itself, and sends each form with the CSRF token of the last page it read unless told otherwise.
 */
public final class ConsoleSession {

    public record Page(int status, String location, String body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final HttpClient http;
    private final String base;
    private String cookie;
    private String csrf;

    public ConsoleSession(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    public ConsoleSession(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public String cookie() {
        return cookie;
    }

    public String csrf() {
        return csrf;
    }

    /** The same cookie, in another client (as a second tab, or a stolen cookie, would have it). */
    public ConsoleSession withCookie(String value) {
        this.cookie = value;
        return this;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A form with the CSRF token of the last page read. */
    public Page post(String path, Map<String, String> form) {
        Map<String, String> all = new LinkedHashMap<>(form);
        if (csrf != null && !all.containsKey("_csrf")) {
            all.put("_csrf", csrf);
        }
        return postRaw(path, encode(all));
    }

    public Page postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public static String encode(Map<String, String> form) {
        StringBuilder out = new StringBuilder();
        form.forEach((k, v) -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    /** Signs in with a password (no second factor enrolled); the page it lands on. */
    public Page signIn(String email, String password) {
        get("/login");
        Page p = post("/login", Map.of("email", email, "password", password));
        if (p.status() == 303 && p.location() != null && !p.location().startsWith("/login")) {
            get(p.location());
        }
        return p;
    }

    private Page send(HttpRequest.Builder b) {
        if (cookie != null) {
            b.header("Cookie", "SECPLANE_SESSION=" + cookie);
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("set-cookie")) {
                if (c.startsWith("SECPLANE_SESSION=")) {
                    String v = c.substring("SECPLANE_SESSION=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
                    cookie = v.isEmpty() ? null : v;
                }
            }
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return new Page(r.statusCode(), r.headers().firstValue("location").orElse(null), r.body(), r);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
