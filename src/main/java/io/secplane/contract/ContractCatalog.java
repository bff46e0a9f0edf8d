package io.secplane.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.secplane.hosts.HostKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every operation of the three contracts, read from the contract files themselves: which hosts
 * serve which paths, which operations need no token, which are not built yet (501), and the request
 * body schema of each. Nothing of this is kept by hand anywhere else.
 */
@Component
public class ContractCatalog {

    /** The contracts, the host each is served on, and where it is on the class path. */
    public enum Api {
        SCC("contract/scc-platform.openapi.yaml", HostKind.SCC_GLOBAL),
        IROH("contract/xdr-iroh.openapi.yaml", HostKind.XDR),
        SECURE_ENDPOINT("contract/secure-endpoint-v3.openapi.yaml", HostKind.SECURE_ENDPOINT),
        OPERATOR("contract/operator.openapi.yaml", HostKind.SCC_GLOBAL),
        /** The console's pages and forms, at the root of the global host. */
        CONSOLE("contract/console.openapi.yaml", HostKind.SCC_GLOBAL);

        final String resource;
        final HostKind host;

        Api(String resource, HostKind host) {
            this.resource = resource;
            this.host = host;
        }

        public String resource() {
            return resource;
        }
    }

    /**
     * What an operation asks of its caller: nothing (public), its own credentials checked by the
     * operation itself (the refresh token, the client's password), or read or write access to the
     * organization it acts on, or only a caller its scheme authenticates and that may still act
     * ({@code caller}: who a token speaks for), or the platform operator's token (the scheme
     * {@code operatorToken}). From
     * {@code x-secplane-access} when the contract says, else from the security and the method (GET
     * reads, the rest write).
     */
    public enum Need { PUBLIC, OWN_CREDENTIALS, READ, WRITE, CALLER, OPERATOR }

    /**
     * The credentials the contracts name, one security scheme each: an SCC access token, an SCC
     * refresh token, an XDR client's id and password, an access token of the XDR token service
     * (IROH, also taken by Secure Endpoint's exchange), a Secure Endpoint access token, the
     * operator token, and the console's session.
     */
    public static final String SCC_ACCESS_TOKEN = "sccAccessToken";
    public static final String IROH_ACCESS_TOKEN = "irohAccessToken";
    public static final String SECURE_ENDPOINT_TOKEN = "secureEndpointToken";
    public static final String OPERATOR_TOKEN = "operatorToken";
    /** The schemes of access tokens: their operations read or write an org (GET reads unless the contract says). */
    private static final Set<String> ACCESS_TOKENS = Set.of(SCC_ACCESS_TOKEN, IROH_ACCESS_TOKEN, SECURE_ENDPOINT_TOKEN);

    /** One operation of a contract. */
    public record Operation(Api api, String method, String path, PathPattern pattern, String operationId,
                            String summary, Set<HostKind> hosts, boolean isPublic, String scheme,
                            boolean planned, String jsonBodyPointer, boolean bodyRequired, boolean acceptsForm,
                            Need need, int successStatus) {

        /** What the operation does, for messages: its summary, else its operationId. */
        public String describe() {
            return summary == null || summary.isBlank() ? operationId : operationId + " (" + summary + ")";
        }
    }

    /** Pages that are not API operations: the documentation and its assets, on the global host. */
    private static final List<PathPattern> SITE = List.of("/docs", "/v1/docs", "/webjars/**", "/favicon.ico", "/assets/**")
            .stream().map(PathPatternParser.defaultInstance::parse).toList();

    private final List<Operation> operations;
    /** The operations by the number of elements of their path (segments and separators): a request tries only those. */
    /** The operations by the number of elements of their path, each with its literal segments. */
    private final Map<Integer, List<Candidate>> bySize;

    /**
     * An operation and the literal segments of its path by position (null where the segment has a
     * variable or a wildcard): a request whose segment there differs cannot match, which is found
     * with a string comparison before the pattern itself is tried.
     */
    private record Candidate(Operation op, String[] literals) {
        static Candidate of(Operation op) {
            List<PathContainer.Element> elements = PathContainer.parsePath(op.path()).elements();
            String[] literals = new String[elements.size()];
            for (int i = 0; i < literals.length; i++) {
                if (elements.get(i) instanceof PathContainer.PathSegment s
                        && !s.value().contains("{") && !s.value().contains("*") && !s.value().contains("?")) {
                    literals[i] = s.valueToMatch();
                }
            }
            return new Candidate(op, literals);
        }

        boolean mayMatch(List<PathContainer.Element> request) {
            for (int i = 0; i < literals.length; i++) {
                if (literals[i] != null && !(request.get(i) instanceof PathContainer.PathSegment s
                        && literals[i].equals(s.valueToMatch()))) {
                    return false;
                }
            }
            return true;
        }
    }
    private final Map<Api, JsonNode> documents;

    /**
     * What a request names on its host: whether the host serves the path, and the operation, if one.
     */
    public record Route(boolean served, Operation operation) {

        private static final String ATTRIBUTE = Route.class.getName();

        /** The route the front filter found for this request, or null before it ran. */
        public static Route of(jakarta.servlet.http.HttpServletRequest request) {
            return request.getAttribute(ATTRIBUTE) instanceof Route r ? r : null;
        }

        public void attachTo(jakarta.servlet.http.HttpServletRequest request) {
            request.setAttribute(ATTRIBUTE, this);
        }
    }

    /** The contracts being read on a thread of their own since {@link #preload()}, or null. */
    private static volatile java.util.concurrent.CompletableFuture<Map<Api, JsonNode>> preloaded;

    /**
     * Starts reading the contracts on another thread (a fifth of a second of YAML on one core), for
     * the server's main: the rest of the start goes on beside it on the machine's other core.
     */
    public static void preload() {
        preloaded = java.util.concurrent.CompletableFuture.supplyAsync(ContractCatalog::read, r -> {
            Thread t = new Thread(r, "contracts-preload");
            t.setDaemon(true);
            t.start();
        });
    }

    /** The contracts of this build, read afresh (each call its own copy). */
    public static Map<Api, JsonNode> contracts() {
        return read();
    }

    private static Map<Api, JsonNode> read() {
        ObjectMapper yaml = YAMLMapper.builder().build();
        Map<Api, JsonNode> docs = new java.util.EnumMap<>(Api.class);
        for (Api api : Api.values()) {
            try {
                docs.put(api, yaml.readTree(new ClassPathResource(api.resource).getContentAsByteArray()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the contract " + api.resource, e);
            }
        }
        return docs;
    }

    /** The contracts this build serves. */
    @org.springframework.beans.factory.annotation.Autowired
    public ContractCatalog() {
        this(preloaded == null ? read() : preloaded.join());
    }

    /** Contracts as given (a test adds an operation to them); {@link #contracts()} reads this build's. */
    public ContractCatalog(Map<Api, JsonNode> docs) {
        List<Operation> ops = new ArrayList<>();
        for (Api api : Api.values()) {
            JsonNode doc = docs.get(api);
            String globalScheme = scheme(doc.path("security"));
            for (var path : doc.path("paths").properties()) {
                PathPattern pattern = PathPatternParser.defaultInstance.parse(path.getKey());
                for (var op : path.getValue().properties()) {
                    String method = op.getKey().toUpperCase(Locale.ROOT);
                    if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                        continue;
                    }
                    JsonNode o = op.getValue();
                    JsonNode security = o.get("security");
                    boolean isPublic = security != null && security.isArray() && security.isEmpty();
                    String scheme = isPublic ? null : security == null ? globalScheme : scheme(security);
                    String pointer = null;
                    JsonNode json = o.path("requestBody").path("content").path("application/json");
                    if (json.has("schema")) {
                        pointer = "/paths/" + escape(path.getKey()) + "/" + op.getKey() + "/requestBody/content/application~1json/schema";
                    }
                    ops.add(new Operation(api, method, path.getKey(), pattern, o.path("operationId").asString(),
                            o.path("summary").asString(null), hosts(api, o.get("x-secplane-hosts")), isPublic,
                            scheme, "planned".equals(o.path("x-secplane-status").asString(null)), pointer,
                            o.path("requestBody").path("required").asBoolean(false),
                            o.path("requestBody").path("content").has("application/x-www-form-urlencoded"),
                            need(o, method, isPublic, scheme), success(o)));
                }
            }
        }
        this.operations = List.copyOf(ops);
        Map<Integer, List<Candidate>> index = new java.util.HashMap<>();
        for (Operation op : ops) {
            Candidate c = Candidate.of(op);
            index.computeIfAbsent(c.literals().length, k -> new ArrayList<>()).add(c);
        }
        this.bySize = index;
        this.documents = docs;
    }

    /** The first 2xx status the operation answers with, by the contract. */
    private static int success(JsonNode op) {
        for (var r : op.path("responses").properties()) {
            if (r.getKey().startsWith("2")) {
                return Integer.parseInt(r.getKey());
            }
        }
        return 200;
    }

    /** The scheme an operation's security requirement names first (null when there is none). */
    private static String scheme(JsonNode security) {
        for (JsonNode requirement : security) {
            for (var name : requirement.properties()) {
                return name.getKey();
            }
        }
        return null;
    }

    private static Need need(JsonNode op, String method, boolean isPublic, String scheme) {
        String declared = op.path("x-secplane-access").asString(null);
        if (isPublic) {
            return Need.PUBLIC;
        }
        if (OPERATOR_TOKEN.equals(scheme)) {
            return Need.OPERATOR;
        }
        boolean bearer = ACCESS_TOKENS.contains(scheme);
        if (declared != null) {
            return switch (declared) {
                case "read" -> Need.READ;
                case "write" -> Need.WRITE;
                case "own-credentials" -> Need.OWN_CREDENTIALS;
                case "caller" -> Need.CALLER;
                default -> throw new IllegalStateException("x-secplane-access of " + op.path("operationId").asString()
                        + " is '" + declared + "'; it is read, write, caller or own-credentials");
            };
        }
        if (!bearer) {
            return Need.OWN_CREDENTIALS;
        }
        return method.equals("GET") ? Need.READ : Need.WRITE;
    }

    private static Set<HostKind> hosts(Api api, JsonNode names) {
        if (names == null || !names.isArray()) {
            return EnumSet.of(api.host);
        }
        EnumSet<HostKind> set = EnumSet.noneOf(HostKind.class);
        for (JsonNode n : names) {
            if (n.asString().equals("ALL")) {
                return EnumSet.allOf(HostKind.class);
            }
            set.add(HostKind.valueOf(n.asString()));
        }
        return set;
    }

    private static String escape(String pathKey) {
        return pathKey.replace("~", "~0").replace("/", "~1");
    }

    public List<Operation> operations() {
        return operations;
    }

    public JsonNode document(Api api) {
        return documents.get(api);
    }

    /**
     * Whether a host serves a path (with any method) and, when the method is one of the path's, the
     * operation: literal paths win over templated ones ({@code claimInfo} before {@code {subscriptionId}}),
     * as Spring routes them. Found once per request, by the front filter.
     */
    public Route route(HostKind host, String method, String path) {
        return route(host, method, parse(path));
    }

    /** The route of a request, found on its path parsed as Spring's handler mappings parse it. */
    public Route route(HostKind host, jakarta.servlet.http.HttpServletRequest request) {
        RequestPath parsed;
        try {
            parsed = RequestPath.parse(request.getRequestURI(), request.getContextPath());
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        return route(host, request.getMethod(), parsed);
    }

    private Route route(HostKind host, String method, PathContainer p) {
        if (p == null) {
            return new Route(false, null);
        }
        boolean served = false;
        Operation best = null;
        List<PathContainer.Element> elements = p.elements();
        for (Candidate c : bySize.getOrDefault(elements.size(), List.of())) {
            Operation op = c.op();
            if (op.hosts().contains(host) && c.mayMatch(elements) && op.pattern().matches(p)) {
                served = true;
                if (op.method().equals(method)
                        && (best == null || PathPattern.SPECIFICITY_COMPARATOR.compare(op.pattern(), best.pattern()) < 0)) {
                    best = op;
                }
            }
        }
        if (!served && host == HostKind.SCC_GLOBAL) {
            served = SITE.stream().anyMatch(s -> s.matches(p));
        }
        return new Route(served, best);
    }

    /** The operation a request names: the front filter's finding, or found now. */
    public Optional<Operation> of(jakarta.servlet.http.HttpServletRequest request, HostKind host) {
        Route r = Route.of(request);
        return Optional.ofNullable(r != null ? r.operation()
                : route(host, request.getMethod(), request.getRequestURI()).operation());
    }

    /**
     * The operation a request names on a host. Literal paths win over templated ones
     * ({@code claimInfo} before {@code {subscriptionId}}), as Spring routes them.
     */
    public Optional<Operation> find(HostKind host, String method, String path) {
        return Optional.ofNullable(route(host, method, path).operation());
    }

    /** Whether a request on a host is one that needs no token (public by the contract, or a page). */
    public boolean isPublic(HostKind host, String method, String path) {
        Optional<Operation> op = find(host, method, path);
        if (op.isPresent()) {
            return op.get().isPublic();
        }
        PathContainer p = parse(path);
        return p != null && host == HostKind.SCC_GLOBAL && SITE.stream().anyMatch(s -> s.matches(p));
    }

    /** The path as segments, or null when it cannot be decoded (no operation has such a path). */
    private static PathContainer parse(String path) {
        try {
            return PathContainer.parsePath(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
