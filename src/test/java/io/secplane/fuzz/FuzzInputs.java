package io.secplane.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The malformed parts a fuzzed request is made of: path segments, query values, bodies, content
 * types. Deterministic for a seed, so that a failure can be replayed with -Dsecplane.fuzz.seed=N.
 */
final class FuzzInputs {

    /** Raw (already "encoded", or deliberately not) text for paths and queries. */
    static final List<String> RAW_TEXT = List.of("", "%", "%zz", "%ff", "%fe%ff", "%C0%AF", "%00", "%2f", "%252f", "%e2%82",
            "%u0041", "..", ".", "%2e%2e", "a;b=c", "{}", "[x]", "%0d%0aX-Injected:%201", "%ED%A0%80",
            "'%20OR%20'1'='1", "1%3B%20DROP%20TABLE%20organizations%3B--", "%3Cscript%3E", "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D",
            "-1", "0", "99999999999999999999", "-9223372036854775809", "1e400", "1e19", "-1e308", "1E2", "NaN", "true", "null",
            "00000000-0000-0000-0000-000000000000", "550e8400-e29b-41d4-a716-44665544000Z", "client-x", "%F0%9F%98%80",
            "%C4%B0", "+", "a+b", "%20");

    static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=latin1", "application/json; charset=utf-16", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "garbage", "application/*",
            "application/vnd.api+json", ";;;", "");

    static final List<String> STRINGS = List.of("", " ", "x", "'", "\"", "\\", "' OR '1'='1", "1; DROP TABLE organizations; --",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd", "\u00e9", "\u0130", "\uD83D\uDE00",
            "\uFFFF", "\u202E", "NaN", "null", "all", "STANDALONE", "MANAGED", "NAM", "refresh_token", "client_credentials");

    /** Request lines' versions other than HTTP/1.1 and 1.0: answered 505 in the host's shape. */
    static final List<String> ODD_VERSIONS = List.of("HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3", "HTTP/2");

    /** Conditional headers, on every operation, so that the path a request takes with them is fuzzed too. */
    static final List<String> CONDITIONALS = List.of("If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since",
            "If-Range");

    String conditionalValue() {
        return pick(List.of("*", "\"1\"", "W/\"1\"", "\"0\", \"1\"", "\"\"", "garbage", "Sat, 05 Dec 2026 10:00:00 GMT",
                "Thu, 01 Jan 1970 00:00:00 GMT", "-1", "\"" + "9".repeat(30) + "\"", "\"\u00e9\"", rawText()));
    }

    private final Random random;

    FuzzInputs(long seed) {
        this.random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    String rawText() {
        return chance(5) ? "a".repeat(1 + random.nextInt(9000)) : pick(RAW_TEXT);
    }

    /** A JSON value of any type, sometimes huge or odd. */
    String jsonValue(int depth) {
        return switch (random.nextInt(depth > 3 ? 8 : 10)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> pick(List.of("0", "-1", "1", "2147483648", "-9223372036854775809", "1e400", "-0.0", "3.14", "99999999999999999999999",
                    // numbers in exponent form, within and beyond 64 bits
                    "1e19", "1e308", "-1e308", "1E19", "-1e19", "1e2", "5E0", "1e-7", "9.3e18"));
            case 3 -> quote(pick(STRINGS));
            case 4 -> quote("s".repeat(random.nextInt(300)));
            case 5 -> quote(pick(List.of("\\ud800", "\\udc00x", "\\u0000", "a\\u0000b", "\\ud83d\\ude00", "\\uD800\\uD800")), false);
            case 6 -> quote("q".repeat(chance(20) ? 1_100_000 : 5000));
            case 7 -> "\"" + "\\" + pick(List.of("x", "u12", "uZZZZ", "")) + "\"";
            case 8 -> "[" + jsonValue(depth + 1) + "," + jsonValue(depth + 1) + "]";
            default -> "{\"" + pick(List.of("name", "description", "appliesTo", "regionCode", "type", "enabled", "scopes",
                    "grant_type", "claimCode", "x", "", "name")) + "\":" + jsonValue(depth + 1) + "}";
        };
    }

    /** An object body with the operation's own field names, each with a value of any type. */
    String objectWith(List<String> fields) {
        StringBuilder b = new StringBuilder("{");
        int n = random.nextInt(fields.size() + 2);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            String name = fields.isEmpty() || chance(15) ? pick(List.of("unknown", "name", "__proto__", "")) : pick(fields);
            b.append(quote(name)).append(':').append(jsonValue(1));
        }
        return b.append('}').toString();
    }

    /** A body that is broken in one of many ways, as bytes. */
    byte[] brokenBody(List<String> fields) {
        String text = switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "{\"name\": \"a\", \"name\": \"b\"}";
            case 3 -> "[".repeat(2000 + random.nextInt(20000)) + "]".repeat(10);
            case 4 -> "{\"a\":".repeat(500) + "1" + "}".repeat(500);
            case 5 -> objectWith(fields) + " trailing";
            case 6 -> "name=x&description=y&grant_type=%zz";
            case 7 -> "{'single': 'quotes'}";
            case 8 -> "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
            case 9 -> "\u0000\u0001\u0002";
            case 10 -> jsonValue(0);
            default -> null;
        };
        if (text == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("{\"name\":\"".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe, (byte) 0xed, (byte) 0xa0, (byte) 0x80});
            out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        return quote(s, true);
    }

    static String quote(String s, boolean escape) {
        if (!escape) {
            return "\"" + s + "\"";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
