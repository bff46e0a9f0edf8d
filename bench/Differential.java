import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Two Secplane servers (two builds, each started with --demo) asked the same requests, generated from
 * the contracts: every operation of the SCC, operator, XDR and Secure Endpoint APIs with a valid, a
 * missing and a forged credential, a malformed id, an empty and a malformed body, and a conditional
 * request; their answers compared (status, the headers a client reads, the body with what differs by
 * nature between two servers, ids made, times, tokens and tracking ids, put aside). Run by
 * bench/differential.sh; prints each difference and exits 1 when there is one.
 */
public class Differential {

    record Server(String url, JsonNode boot, Map<String, String> tokens) {
    }

    record Call(String method, String path, String host, Map<String, String> headers, String body, String type, String what) {
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:?\\d\\d)?");
    static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    /** Made at random by each server: claim codes, signing keys' ids and moduli. */
    static final Pattern RANDOM = Pattern.compile("CC(-[A-Z0-9]{4}){4}|\"(kid|n)\":\"[^\"]*\"");
    static final String ABSENT = "00000000-0000-4000-8000-00000000abcd";

    public static void main(String[] args) throws Exception {
        Server a = server(args[0], Path.of(args[1]));
        Server b = server(args[2], Path.of(args[3]));
        Path contracts = Path.of(args[4]);
        Set<String> known = new java.util.HashSet<>();
        for (Server s : List.of(a, b)) {
            known.add(s.boot().get("orgId").asString());
        }
        List<Call> calls = new ArrayList<>();
        for (String[] c : List.of(new String[] {"scc-platform", "api.security.localhost"},
                new String[] {"operator", "api.security.localhost"},
                new String[] {"xdr-iroh", "visibility.amp.localhost"},
                new String[] {"secure-endpoint-v3", "api.amp.localhost"})) {
            calls.addAll(calls(new YAMLMapper().readTree(contracts.resolve(c[0] + ".openapi.yaml").toFile()), c[1]));
        }
        // writes that remove things last: both servers lose the same things at the same point
        calls.sort(java.util.Comparator.comparing(c -> c.method().equals("DELETE")));
        int differences = 0;
        for (Call c : calls) {
            Reply ra = send(a, c);
            Reply rb = send(b, c);
            String da = ra.comparable(a), db = rb.comparable(b);
            if (!da.equals(db)) {
                differences++;
                System.out.println("DIFFERENT " + c.what() + " " + c.method() + " " + c.path() + " on " + c.host());
                System.out.println("  before: " + da);
                System.out.println("  after:  " + db);
            }
        }
        System.out.println(calls.size() + " requests sent to each, " + differences + " answered differently");
        System.exit(differences == 0 ? 0 : 1);
    }

    static Server server(String url, Path data) throws Exception {
        JsonNode boot = JSON.readTree(Files.readString(data.resolve("bootstrap.json")));
        Map<String, String> tokens = new TreeMap<>();
        tokens.put("sccAccessToken", boot.get("accessToken").asString());
        tokens.put("operatorToken", boot.get("operatorToken").asString());
        String basic = Base64.getEncoder().encodeToString((boot.get("xdrClientId").asString() + ":"
                + boot.get("xdrClientPassword").asString()).getBytes());
        tokens.put("clientCredentials", "Basic " + basic);
        Server s = new Server(url, boot, tokens);
        String iroh = JSON.readTree(send(s, new Call("POST", "/iroh/oauth2/token", "visibility.amp.localhost",
                Map.of("Authorization", "Basic " + basic), "grant_type=client_credentials",
                "application/x-www-form-urlencoded", "")).body).get("access_token").asString();
        tokens.put("irohAccessToken", iroh);
        String se = JSON.readTree(send(s, new Call("POST", "/v3/access_tokens", "api.amp.localhost",
                Map.of("Authorization", "Bearer " + iroh), null, null, "")).body).get("access_token").asString();
        tokens.put("secureEndpointToken", se);
        return s;
    }

    /** The requests of one contract's operations, each in every variant. */
    static List<Call> calls(JsonNode doc, String host) {
        List<Call> out = new ArrayList<>();
        JsonNode global = doc.get("security");
        for (Map.Entry<String, JsonNode> p : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> m : p.getValue().properties()) {
                String method = m.getKey().toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                JsonNode op = m.getValue();
                JsonNode security = op.has("security") ? op.get("security") : global;
                String scheme = security != null && security.size() > 0 && security.get(0).size() > 0
                        ? security.get(0).propertyNames().iterator().next() : null;
                boolean form = op.at("/requestBody/content").has("application/x-www-form-urlencoded")
                        && !op.at("/requestBody/content").has("application/json");
                String type = op.has("requestBody") ? (form ? "application/x-www-form-urlencoded" : "application/json") : null;
                String path = p.getKey();
                String id = op.has("operationId") ? op.get("operationId").asString() : path;
                List<String> credentials = new ArrayList<>(List.of("missing", "forged"));
                if (scheme != null && !scheme.equals("refreshToken") && !scheme.equals("session")) {
                    credentials.add(0, "valid");
                }
                if (scheme == null) {
                    credentials = List.of("none");
                }
                for (String credential : credentials) {
                    String body = type == null ? null : form ? "grant_type=client_credentials" : "{}";
                    out.add(new Call(method, fill(path, false), host, auth(scheme, credential), body, type,
                            id + " " + credential));
                    if (!credential.equals("valid") && !credential.equals("none")) {
                        continue;
                    }
                    if (path.contains("{")) {
                        out.add(new Call(method, fill(path, true), host, auth(scheme, credential), body, type,
                                id + " malformed id"));
                    }
                    if (type != null && !form) {
                        out.add(new Call(method, fill(path, false), host, auth(scheme, credential), "{", type,
                                id + " malformed body"));
                        out.add(new Call(method, fill(path, false), host, auth(scheme, credential), "[1]", type,
                                id + " wrong body"));
                    }
                    if (method.equals("GET")) {
                        Map<String, String> h = new TreeMap<>(auth(scheme, credential));
                        h.put("If-None-Match", "\"x\"");
                        out.add(new Call(method, fill(path, false), host, h, null, null, id + " conditional"));
                        Map<String, String> xml = new TreeMap<>(auth(scheme, credential));
                        xml.put("Accept", "application/xml");
                        out.add(new Call(method, fill(path, false), host, xml, null, null, id + " accept xml"));
                    }
                }
            }
        }
        return out;
    }

    /** The path with its ids: the caller's own org, an id nothing has, or text that is no id at all. */
    static String fill(String path, boolean malformed) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        boolean first = true;
        while (m.find()) {
            String name = m.group(1);
            String value = malformed && first ? "not-an-id" : name.equals("orgId") || name.equals("organizationId")
                    ? "{ORG}" : ABSENT;
            first = false;
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Map<String, String> auth(String scheme, String credential) {
        return scheme == null || credential.equals("missing") || credential.equals("none") ? Map.of()
                : Map.of("Authorization", scheme + ":" + credential);
    }

    record Reply(int status, Map<String, String> headers, String body) {
        String comparable(Server s) {
            String text = body;
            try {
                JsonNode json = JSON.readTree(body);
                if (json instanceof tools.jackson.databind.node.ObjectNode o) {
                    o.remove(List.of("trackingId", "timestamp"));
                }
                text = canonical(json, s);
            } catch (RuntimeException notJson) {
                // compared as sent
            }
            String all = status + " " + headers + " " + text;
            all = all.replace(s.boot().get("orgId").asString(), "<org>").replace(s.url(), "<url>");
            all = RANDOM.matcher(all).replaceAll("<random>");
            return UUID.matcher(TIME.matcher(JWT.matcher(all).replaceAll("<jwt>")).replaceAll("<time>")).replaceAll("<id>");
        }
    }

    /**
     * The JSON as text with what differs by nature put aside, the elements of each list in one order
     * (things made in the same instant, the demo's, are listed in an order of their random ids).
     */
    static String canonical(JsonNode json, Server s) {
        if (json.isArray()) {
            List<String> items = new ArrayList<>();
            json.forEach(item -> items.add(canonical(item, s)));
            java.util.Collections.sort(items);
            return "[" + String.join(",", items) + "]";
        }
        if (json.isObject()) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> e : json.properties()) {
                String value = Set.of("kid", "n").contains(e.getKey()) ? "<random>" : canonical(e.getValue(), s);
                out.append(out.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":").append(value);
            }
            return out.append('}').toString();
        }
        String text = json.toString().replace(s.boot().get("orgId").asString(), "<org>");
        text = RANDOM.matcher(text).replaceAll("<random>");
        return UUID.matcher(TIME.matcher(JWT.matcher(text).replaceAll("<jwt>")).replaceAll("<time>")).replaceAll("<id>");
    }

    static Reply send(Server s, Call c) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(s.url() + c.path().replace("{ORG}",
                s.boot().get("orgId").asString()))).header("Host", c.host());
        for (Map.Entry<String, String> h : c.headers().entrySet()) {
            String value = h.getValue();
            if (h.getKey().equals("Authorization") && value.contains(":") && !value.startsWith("Basic ")
                    && !value.startsWith("Bearer ")) {
                String scheme = value.substring(0, value.indexOf(':'));
                String token = s.tokens().get(scheme);
                if (token == null) {
                    continue;
                }
                boolean forged = value.endsWith(":forged");
                if (scheme.equals("clientCredentials")) {
                    value = forged ? "Basic " + Base64.getEncoder().encodeToString("someone:wrong".getBytes()) : token;
                } else {
                    value = "Bearer " + (forged ? forge(token) : token);
                }
            }
            r.header(h.getKey(), value);
        }
        if (c.type() != null) {
            r.header("Content-Type", c.type());
        }
        r.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("cache-control")) {
                // what a client does with it: an answer never stored, or one it may keep
                headers.put(n, String.join(",", values).contains("no-store") ? "no-store" : String.join(",", values));
            } else if (List.of("content-type", "www-authenticate", "retry-after", "allow", "location",
                    "x-content-type-options", "x-frame-options", "x-ratelimit-limit").contains(n)) {
                headers.put(n, String.join(",", values));
            } else if (n.startsWith("x-ratelimit")) {
                headers.put(n, "*");
            }
        });
        return new Reply(response.statusCode(), headers, response.body());
    }

    /** The token with its signature's first character changed. */
    static String forge(String token) {
        int dot = token.lastIndexOf('.');
        if (dot < 0 || dot + 1 >= token.length()) {
            return token + "x";
        }
        char c = token.charAt(dot + 1);
        return token.substring(0, dot + 1) + (c == 'A' ? 'B' : 'A') + token.substring(dot + 2);
    }
}
