package io.secplane.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.secplane.api.ApiTestSupport;
import io.secplane.contract.ContractCatalog;
import io.secplane.contract.ContractCatalog.Operation;
import io.secplane.hosts.HostKind;
import io.secplane.support.RawHttp;
import io.secplane.support.XdrFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A contract-driven fuzzer: every operation of the contracts, over and over, with malformed
 * paths, queries, bodies, content types and tokens, sent as raw bytes; the console's pages and forms
 * with a signed-in administrator's session cookie and (mostly) its CSRF token. No answer may be a 5xx
 * (but the 501 of a planned operation), leave the host's error shape (the console's: its HTML error
 * page with a tracking id), or show a Java type, SQL or a stack trace; and the data afterwards is what the acknowledged writes made it. Bounded in count
 * ({@code secplane.fuzz.requests}) and time ({@code secplane.fuzz.seconds}); the seed is printed
 * and can be given back with {@code secplane.fuzz.seed}.
 */
public abstract class ContractFuzzSuite extends ApiTestSupport {

    private static final List<String> LEAKS = List.of("Exception", "java.", "javax.", "jakarta.", "org.h2", "PSQL",
            "SQLState", "SQL state", "\tat ", "io.secplane", "<html", "tools.jackson", "com.fasterxml", "springframework");

    @Autowired
    ApplicationContext ctx;

    /** How many requests this backend gets. */
    protected abstract int requests();

    private final ContractCatalog catalog = new ContractCatalog();
    private final Map<String, Integer> byStatus = new TreeMap<>();
    private final Map<String, Integer> byOperation = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> inputs = new TreeMap<>();

    private XdrFixtures.Tenant tenant;
    private String irohToken;
    private String seToken;
    private String seOrgId;
    /** A policy, an exclusion set and an exclusion of that Secure Endpoint organization: the fuzzed paths reach them. */
    private String sePolicy;
    private String seSet;
    private String seExclusion;
    private String seGroup;
    private String seComputer;
    private String seConfiguration;
    private String seRule;
    private final Set<String> createdOrgs = new HashSet<>();
    private final Map<String, String> expectedNames = new HashMap<>();
    private final Set<String> createdGroups = new HashSet<>();
    private final Set<String> createdClients = new HashSet<>();
    private final Set<String> deletedClients = new HashSet<>();
    private UUID fuzzKeyId;
    private io.secplane.support.ConsoleSession console;
    private String adminPassword;

    @Test
    void noMalformedRequestReachesA5xxOrLeavesTheHostsShapeOrChangesDataSilently() {
        long seed = Long.getLong("secplane.fuzz.seed", System.nanoTime());
        int count = Integer.getInteger("secplane.fuzz.requests", requests());
        long deadline = System.nanoTime() + Long.getLong("secplane.fuzz.seconds", 300L) * 1_000_000_000L;
        FuzzInputs in = new FuzzInputs(seed);
        tenant = XdrFixtures.tenant(ctx, "NAM", true, true, "admin inspect:read", "Fuzz SE Org");
        irohToken = anonymous.onHost("visibility.amp.localhost").send("POST", "/iroh/oauth2/token",
                "grant_type=client_credentials", "application/x-www-form-urlencoded", List.of("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((tenant.clientId() + ":" + tenant.password()).getBytes())))
                .json().get("access_token").asString();
        seToken = XdrFixtures.seToken(anonymous, tenant);
        seOrgId = anonymous.onHost("api.amp.localhost").as(seToken).get("/v3/organizations").json()
                .get("data").get(0).get("organizationIdentifier").asString();
        io.secplane.support.Api se = anonymous.onHost("api.amp.localhost").as(seToken);
        String seBase = "/v3/organizations/" + seOrgId;
        sePolicy = se.get(seBase + "/policies?operatingSystem=windows&size=1").json().get("data").get(0).get("guid").asString();
        seSet = se.post(seBase + "/exclusion_sets", "{\"operatingSystem\":\"windows\",\"name\":\"Fuzz set\"}").json()
                .get("data").get("guid").asString();
        seExclusion = se.post(seBase + "/exclusion_sets/" + seSet + "/exclusions", "{\"exclusionType\":\"path\",\"path\":\"C:\\\\fuzz\"}")
                .json().get("data").get("guid").asString();
        seGroup = se.get(seBase + "/groups?size=1").json().get("data").get(0).get("guid").asString();
        seConfiguration = se.post(seBase + "/device_control/configurations", "{\"name\":\"Fuzz USB\"}").json()
                .get("data").get("guid").asString();
        seRule = se.post(seBase + "/device_control/configurations/" + seConfiguration + "/rules", "{\"controlType\":\"allow\","
                + "\"ruleExpressions\":[{\"identifier\":\"vendor_id\",\"operator\":\"equals\",\"value\":\"0480\"}]}").json()
                .get("data").get("guid").asString();
        seComputer = operator.onHost("api.security.localhost").post("/operator/v1/secure-endpoint/organizations/" + seOrgId
                + "/computers", "{\"hostname\":\"fuzz-1\",\"operatingSystem\":\"windows\"}").json().get("connectorGuid").asString();
        // the key the API-key operations are aimed at: never the administrator's own, which the rest uses
        fuzzKeyId = apiKeys.create(orgA, "fuzz target", null, null, null,
                List.of(io.secplane.roles.StaticRoles.ORG_MEMBER)).apiKeyId();
        adminPassword = JsonMapper.builder().build().readTree(read(properties.dataDir() + "/bootstrap.json"))
                .get("adminPassword").asString();
        signInToTheConsole();
        Snapshot before = snapshot();

        List<Operation> ops = catalog.operations();
        int sent = 0;
        while (sent < count && System.nanoTime() < deadline) {
            Operation op = ops.get(sent % ops.size());
            fuzzOnce(in, op);
            sent++;
        }
        Snapshot after = snapshot();
        System.out.printf("fuzz: seed=%d requests=%d operations=%d/%d by status %s%n", seed, sent,
                byOperation.size(), ops.size(), byStatus);
        System.out.printf("fuzz: acknowledged writes: %d orgs created, %d renamed, %d groups created, %d clients created, %d deleted%n",
                createdOrgs.size(), expectedNames.size(), createdGroups.size(), createdClients.size(), deletedClients.size());
        Map<String, Integer> kinds = new TreeMap<>();
        failures.forEach(f -> kinds.merge(f.substring(0, f.indexOf(':')), 1, Integer::sum));
        System.out.printf("fuzz: inputs of the newer classes %s; failures by kind %s%n", inputs, kinds);
        assertThat(failures).as("fuzz failures (seed %d), first of %d", seed, failures.size()).isEmpty();
        assertThat(sent).as("requests sent before the time limit").isGreaterThanOrEqualTo(Math.min(count, 1000));
        assertThat(byOperation.size()).as("operations reached").isEqualTo(ops.size());

        Set<String> orgs = new HashSet<>(before.orgNames().keySet());
        orgs.addAll(createdOrgs);
        assertThat(after.orgNames().keySet()).as("organizations: those before plus those acknowledged").isEqualTo(orgs);
        for (var e : after.orgNames().entrySet()) {
            String expected = expectedNames.getOrDefault(e.getKey(), before.orgNames().get(e.getKey()));
            if (expected != null) {
                assertThat(e.getValue()).as("name of %s", e.getKey()).isEqualTo(expected);
            }
        }
        Set<String> groups = new HashSet<>(before.groups());
        groups.addAll(createdGroups);
        assertThat(after.groups()).as("admin groups: those before plus those acknowledged").isEqualTo(groups);
        Set<String> clients = new HashSet<>(before.clients());
        clients.addAll(createdClients);
        clients.removeAll(deletedClients);
        assertThat(after.clients()).as("API clients: those before, plus created, minus deleted").isEqualTo(clients);
    }

    private static String read(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The console session the console's operations are sent with (again when a fuzzed form ended it). */
    private void signInToTheConsole() {
        console = new io.secplane.support.ConsoleSession("http://127.0.0.1:" + port);
        assertThat(console.signIn("admin@secplane.local", adminPassword).status()).isEqualTo(303);
    }

    private void fuzzOnce(FuzzInputs in, Operation op) {
        HostKind kind = in.chance(8) ? in.pick(List.of(HostKind.values())) : op.hosts().iterator().next();
        String host = switch (kind) {
            case SCC_GLOBAL -> in.chance(50) ? "api.security.localhost" : "localhost";
            case SCC_REGIONAL -> "api.eu.security.localhost";
            case XDR -> "visibility.amp.localhost";
            case SECURE_ENDPOINT -> "api.amp.localhost";
        };
        boolean validPath = in.chance(60);
        String path = path(in, op, validPath);
        String query = query(in, op);
        String method = in.chance(3) ? in.pick(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "FOO"))
                : op.method();
        String token = token(in, kind);
        boolean consoleOp = op.api() == ContractCatalog.Api.CONSOLE;
        if (consoleOp && in.chance(80)) {
            token = null;
        }
        byte[] body = null;
        String contentType = op.jsonBodyPointer() != null ? "application/json"
                : op.acceptsForm() ? "application/x-www-form-urlencoded" : null;
        if (!method.equals("GET") && !method.equals("DELETE") || in.chance(5)) {
            List<String> fields = fields(op);
            int kindOfBody = in.nextInt(10);
            String valid = consoleOp ? consoleForm(in, op) : validBody(in, op);
            if (valid != null && in.chance(30)) {
                body = valid.getBytes(StandardCharsets.UTF_8);
            } else if (kindOfBody < 5) {
                body = (op.acceptsForm() && op.jsonBodyPointer() == null ? formBody(in) : in.objectWith(fields))
                        .getBytes(StandardCharsets.UTF_8);
            } else if (kindOfBody < 9) {
                body = in.brokenBody(fields);
            }
        }
        if (in.chance(25)) {
            contentType = in.pick(FuzzInputs.CONTENT_TYPES);
        }
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        String version = in.chance(2) ? in.pick(FuzzInputs.ODD_VERSIONS) : "HTTP/1.1";
        StringBuilder head = new StringBuilder(method + " " + path + (query.isEmpty() ? "" : "?" + query) + " " + version + "\r\n");
        head.append("Host: ").append(host).append("\r\n");
        boolean twoHosts = in.chance(2);
        if (twoHosts) {
            head.append("Host: other.example\r\n");
        }
        head.append("Connection: close\r\n");
        if (token != null) {
            head.append("Authorization: ").append(token).append("\r\n");
        }
        if (consoleOp && in.chance(85) || in.chance(3)) {
            head.append("Cookie: SECPLANE_SESSION=").append(in.chance(95) ? console.cookie() : in.rawText()).append("\r\n");
        }
        if (contentType != null && (body != null || in.chance(30))) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        // a body cut short: the client promises more than it sends, then half-closes
        boolean cutShort = body != null && in.chance(4);
        if (body != null) {
            head.append("Content-Length: ").append(body.length + (cutShort ? 1 + in.nextInt(100) : 0)).append("\r\n");
        }
        if (in.chance(25)) {
            for (int i = 0, n = 1 + in.nextInt(2); i < n; i++) {
                head.append(in.pick(FuzzInputs.CONDITIONALS)).append(": ").append(in.conditionalValue()).append("\r\n");
            }
        }
        head.append("\r\n");
        req.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            req.writeBytes(body);
        }
        RawHttp.Reply r;
        try {
            r = cutShort ? RawHttp.sendAndHalfClose(port, req.toByteArray()) : RawHttp.send(port, req.toByteArray());
        } catch (RuntimeException e) {
            failures.add(method + " " + path + " on " + host + ": no answer (" + e.getMessage() + ")");
            return;
        }
        byStatus.merge(r.status() / 100 + "xx", 1, Integer::sum);
        if (!version.equals("HTTP/1.1")) {
            inputs.merge("odd request line", 1, Integer::sum);
            // 505; or 400 when the request line is wrong in another way too (Tomcat reads the target first);
            // a HEAD's answer has no body to say which
            if (r.status() != 505 && !(r.status() == 400 && (method.equals("HEAD") || r.body().contains("The request is malformed")))) {
                failures.add("not 505 for " + version + ": " + method + " " + abbreviate(path) + " on " + host + " -> " + r.status());
            }
        }
        if (cutShort) {
            inputs.merge("body cut short", 1, Integer::sum);
        }
        if (head.indexOf("\r\nIf-") >= 0) {
            inputs.merge("If-* headers", 1, Integer::sum);
        }
        if (body != null && new String(body, StandardCharsets.UTF_8).matches("(?s).*[0-9][eE][-+]?[0-9].*")) {
            inputs.merge("exponent numbers", 1, Integer::sum);
        }
        byOperation.merge(op.api() + " " + op.operationId(), 1, Integer::sum);
        String what = method + " " + abbreviate(path + (query.isEmpty() ? "" : "?" + query)) + " on " + host + " -> " + r.status()
                + " " + abbreviate(r.body());
        // what the server did is what the request named (the fuzzer may have changed method and host)
        Operation actual = twoHosts ? null : catalog.find(kind, method, path).orElse(null);
        boolean consoleAnswer = actual != null && actual.api() == ContractCatalog.Api.CONSOLE && kind == HostKind.SCC_GLOBAL;
        // with two Host headers either may be the one read: a console path on the global host answers as the console
        boolean consoleShape = consoleAnswer || twoHosts && kind == HostKind.SCC_GLOBAL && catalog.find(kind, method, path)
                .map(o -> o.api() == ContractCatalog.Api.CONSOLE).orElse(false);
        check(r, kind, method, path, twoHosts, consoleShape, what);
        if (r.status() / 100 == 2 || r.status() == 303 && consoleAnswer) {
            if (actual != null) {
                acknowledge(actual, path, r);
            }
        }
        if (consoleAnswer && (actual.operationId().equals("logout") || actual.operationId().startsWith("login")
                || r.status() == 303 && "/login".equals(r.headers().get("location")))) {
            signInToTheConsole(); // the fuzzed form may have ended the session (sign-out): a new one
        }
    }

    private void check(RawHttp.Reply r, HostKind kind, String method, String path, boolean twoHosts, boolean consoleAnswer,
                       String what) {
        if (r.status() >= 500 && !(r.status() == 501 && planned(kind, method, path)) && r.status() != 505) {
            failures.add("5xx: " + what);
        }
        String type = r.headers().getOrDefault("content-type", "");
        boolean page = consoleAnswer && type.startsWith("text/html");
        for (String leak : LEAKS) {
            if (r.body().contains(leak) && !(page && leak.equals("<html"))) {
                failures.add("leaks '" + leak + "': " + what);
            }
        }
        if (method.equals("HEAD")) {
            return; // an answer to HEAD has no body
        }
        if (consoleAnswer && r.status() >= 400 && !method.equals("OPTIONS") && !method.equals("TRACE")) {
            // the console's shape: a page that says what is wrong (its error page with the tracking id, or the
            // form again with the problem); a request the container could not read: the global host's JSON
            JsonNode json = page ? null : r.json();
            boolean unread = json != null && shaped(json, HostKind.SCC_GLOBAL, r.status())
                    && (json.path("message").asString().startsWith("The request is malformed") || r.status() == 505);
            if (!unread && (!page || !r.body().contains("role=\"alert\""))) {
                failures.add("not the console's error page: " + what);
            }
            return;
        }
        if (page) {
            return;
        }
        if (r.status() >= 400 || type.contains("json")) {
            JsonNode json = r.json();
            if (r.status() >= 400 && (json == null || !type.contains("json"))) {
                failures.add("not JSON: " + what);
                return;
            }
            // a request line the server could not read has no known host: the global host's shape
            boolean unread = r.status() == 400 && shaped(json, HostKind.SCC_GLOBAL, 400)
                    && json.path("message").asString().startsWith("The request is malformed");
            if (r.status() >= 400 && !twoHosts && !unread && !shaped(json, kind, r.status())) {
                failures.add("not the " + kind + " error shape: " + what);
            }
        }
    }

    /** Whether the request's own method and path name a planned operation (the fuzzer may have changed the method). */
    private boolean planned(HostKind kind, String method, String path) {
        return catalog.find(kind, method.equals("HEAD") ? "GET" : method, path).map(Operation::planned).orElse(false);
    }

    private static boolean shaped(JsonNode json, HostKind kind, int status) {
        return switch (kind) {
            case XDR -> json.size() == 2 && json.path("error").isString() && json.path("error_description").isString();
            case SECURE_ENDPOINT -> json.path("errors").isArray() && json.path("errors").get(0).path("error_code").asInt() == status;
            default -> json.path("statusCode").asInt() == status && json.path("trackingId").isString()
                    && json.path("message").isString() && json.path("error").isString() && json.path("path").isString();
        };
    }

    private void acknowledge(Operation op, String path, RawHttp.Reply r) {
        JsonNode json = op.api() == ContractCatalog.Api.CONSOLE ? null : r.json();
        switch (op.operationId()) {
            case "createOrganization" -> createdOrgs.add(json.get("id").asString());
            case "updateOrganization" -> expectedNames.put(json.get("id").asString(), json.get("name").asString());
            case "createAdminGroup" -> createdGroups.add(json.get("id").asString());
            case "deleteAdminGroup" -> createdGroups.remove(path.substring(path.lastIndexOf('/') + 1));
            case "createClient" -> createdClients.add(json.get("client-id").asString());
            case "deleteClient" -> deletedClients.add(path.substring(path.lastIndexOf('/') + 1));
            // the console's forms: the next page's address, or the page with the secret shown once
            case "createAdminGroupForm" -> {
                String location = r.headers().getOrDefault("location", "");
                if (r.status() == 303 && location.matches(".*/admin-groups/[0-9a-f-]{36}")) {
                    createdGroups.add(location.substring(location.lastIndexOf('/') + 1));
                }
            }
            // a deletion is acknowledged by the list page it leads to, not by any 303: one to /login
            // means the fuzzer's session had ended (a fuzzed sign-out) and nothing was done
            case "deleteAdminGroupForm" -> {
                if (r.status() == 303 && r.headers().getOrDefault("location", "").endsWith("/admin-groups")) {
                    createdGroups.remove(path.split("/")[4]);
                }
            }
            case "generateApiClientForm" -> {
                var m = java.util.regex.Pattern.compile("id=\"clientId\" value=\"(client-[0-9a-f-]{36})\"").matcher(r.body());
                if (r.status() == 200 && m.find()) {
                    createdClients.add(m.group(1));
                }
            }
            case "deleteApiClientForm" -> {
                if (r.status() == 303 && r.headers().getOrDefault("location", "").endsWith("/xdr/api-clients")) {
                    deletedClients.add(path.split("/")[5]);
                }
            }
            default -> { }
        }
    }

    /** A form of a console operation, from its schema in the contract, with the session's CSRF token (mostly). */
    private String consoleForm(FuzzInputs in, Operation op) {
        JsonNode schema = catalog.document(op.api()).path("paths").path(op.path()).path(op.method().toLowerCase(java.util.Locale.ROOT))
                .path("requestBody").path("content").path("application/x-www-form-urlencoded").path("schema");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (var p : schema.path("properties").properties()) {
            if (p.getKey().equals("_csrf")) {
                if (!in.chance(10)) {
                    form.put("_csrf", in.chance(90) ? console.csrf() : in.pick(FuzzInputs.STRINGS));
                }
                continue;
            }
            JsonNode values = p.getValue().path("enum");
            if (values.isArray() && in.chance(80)) {
                form.put(p.getKey(), values.get(in.nextInt(values.size())).asString());
            } else if (in.chance(85)) {
                form.put(p.getKey(), in.pick(FuzzInputs.STRINGS) + (in.chance(50) ? " " + UUID.randomUUID() : ""));
            }
        }
        if (in.chance(10)) {
            form.put(in.pick(List.of("region.xdr", "role", "scope", "unknown")), in.pick(FuzzInputs.STRINGS));
        }
        String body = io.secplane.support.ConsoleSession.encode(form);
        return in.chance(10) ? body + "&" + in.rawText() + "=" + in.rawText() : body;
    }

    private String path(FuzzInputs in, Operation op, boolean valid) {
        String p = op.path();
        StringBuilder out = new StringBuilder();
        for (String segment : p.split("/", -1)) {
            if (!out.isEmpty() || !segment.isEmpty()) {
                out.append('/');
            }
            if (!segment.startsWith("{")) {
                out.append(segment);
                continue;
            }
            if (!valid && in.chance(70)) {
                out.append(in.chance(50) ? in.rawText() : UUID.randomUUID());
                continue;
            }
            out.append(switch (segment) {
                case "{groupId}" -> in.chance(30) && !createdGroups.isEmpty() ? createdGroups.iterator().next()
                        : UUID.randomUUID().toString();
                case "{orgId}" -> in.chance(80) ? orgA.toString() : orgB.toString();
                case "{clientId}" -> in.chance(50) ? tenant.clientId() : "client-" + UUID.randomUUID();
                case "{organizationIdentifier}" -> seOrgId;
                case "{policyGuid}" -> in.chance(80) ? sePolicy : UUID.randomUUID().toString();
                case "{groupGuid}" -> in.chance(80) ? seGroup : UUID.randomUUID().toString();
                case "{connectorGuid}" -> in.chance(80) ? seComputer : UUID.randomUUID().toString();
                case "{configurationGuid}" -> in.chance(80) ? seConfiguration : UUID.randomUUID().toString();
                case "{ruleGuid}" -> in.chance(80) ? seRule : UUID.randomUUID().toString();
                case "{deviceGuid}" -> in.chance(80) ? seComputer : UUID.randomUUID().toString();
                case "{iocGuid}" -> in.chance(80) ? UUID.nameUUIDFromBytes("cloud-ioc/W32.RegistryRunKey.ioc"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString() : UUID.randomUUID().toString();
                case "{exclusionSetGuid}" -> in.chance(80) ? seSet : UUID.randomUUID().toString();
                case "{exclusionGuid}" -> in.chance(80) ? seExclusion : UUID.randomUUID().toString();
                case "{apiKeyId}" -> op.operationId().equals("refreshToken") ? adminKeyId.toString() : fuzzKeyId.toString();
                default -> UUID.randomUUID().toString();
            });
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static String query(FuzzInputs in, Operation op) {
        if (!in.chance(40)) {
            return "";
        }
        List<String> names = new ArrayList<>(List.of("name", "max", "cursor", "type", "regionCode", "sortBy", "order",
                "managerOrgId", "start", "size", "grant_type", "client_id", "status", "groupId", "unknown"));
        StringBuilder q = new StringBuilder();
        int n = 1 + in.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                q.append('&');
            }
            String name = in.pick(names);
            String value = in.chance(50) ? in.rawText() : java.net.URLEncoder.encode(in.pick(FuzzInputs.STRINGS), StandardCharsets.UTF_8);
            q.append(name).append('=').append(value);
            if (in.chance(10)) {
                q.append('&').append(name).append('=').append(value);
            }
        }
        return q.toString();
    }

    /** A body the operation accepts, with a name that may hold anything a name may: writes must happen too. */
    private static String validBody(FuzzInputs in, Operation op) {
        String name = FuzzInputs.quote(in.pick(FuzzInputs.STRINGS) + " " + UUID.randomUUID().toString().substring(0, 8));
        return switch (op.operationId()) {
            case "createOrganization" -> "{\"name\":" + name + ",\"regionCode\":\"" + in.pick(List.of("NAM", "EMEA", "UAE"))
                    + "\",\"type\":\"" + in.pick(List.of("MANAGED", "STANDALONE")) + "\"}";
            case "updateOrganization" -> "{\"name\":" + name + "}";
            case "createAdminGroup" -> "{\"name\":" + name + ",\"appliesTo\":\"" + in.pick(List.of("all", "manager")) + "\"}";
            case "createClient" -> "{\"name\":" + name + ",\"scopes\":\"inspect:read\"}";
            case "updateClient" -> "{\"description\":" + name + "}";
            default -> null;
        };
    }

    private static String formBody(FuzzInputs in) {
        return "grant_type=" + in.pick(List.of("client_credentials", "refresh_token", "password", "%zz", "", "a%00"))
                + (in.chance(30) ? "&client_id=" + in.rawText() + "&client_password=" + in.rawText() : "")
                + (in.chance(20) ? "&scope=" + in.rawText() : "");
    }

    private String token(FuzzInputs in, HostKind kind) {
        int pick = in.nextInt(10);
        if (pick == 0) {
            return null;
        }
        if (pick == 1) {
            return in.pick(List.of("Bearer", "Bearer ", "Bearer x.y.z", "Basic !!!", "Bearer " + "a".repeat(9000),
                    "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes())));
        }
        return switch (kind) {
            case XDR -> pick < 6 ? "Bearer " + irohToken
                    : "Basic " + Base64.getEncoder().encodeToString((tenant.clientId() + ":" + tenant.password()).getBytes());
            case SECURE_ENDPOINT -> "Bearer " + (pick < 7 ? seToken : irohToken);
            default -> "Bearer " + (pick < 7 ? admin.token() : pick < 9 ? member.token() : otherAdmin.token());
        };
    }

    private List<String> fields(Operation op) {
        if (op.jsonBodyPointer() == null) {
            return List.of("grant_type", "client_id");
        }
        JsonNode doc = catalog.document(op.api());
        JsonNode schema = doc.at(op.jsonBodyPointer());
        if (schema.has("$ref")) {
            schema = doc.at(schema.get("$ref").asString().substring(1));
        }
        List<String> names = new ArrayList<>();
        schema.path("properties").propertyNames().forEach(names::add);
        return names;
    }

    private record Snapshot(Map<String, String> orgNames, Set<String> groups, Set<String> clients) {
    }

    /** The database itself, not what some caller may list: a write no one was told of shows up here. */
    private Snapshot snapshot() {
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        Map<String, String> orgs = new HashMap<>();
        jdbc.sql("SELECT id, name FROM organizations").query((rs, i) -> orgs.put(rs.getString(1), rs.getString(2))).list();
        Set<String> groups = new HashSet<>(jdbc.sql("SELECT id FROM admin_groups").query(String.class).list());
        Set<String> clients = new HashSet<>(jdbc.sql("SELECT id FROM api_clients WHERE org_id = ?")
                .param(tenant.orgId()).query(String.class).list());
        return new Snapshot(orgs, groups, clients);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
