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
        SECURE_ENDPOINT("contract/secure-endpoint-v3.openapi.yaml", HostKind.SECURE_ENDPOINT);

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

    /** One operation of a contract. */
    public record Operation(Api api, String method, String path, PathPattern pattern, String operationId,
                            String summary, Set<HostKind> hosts, boolean isPublic, boolean needsAccessToken,
                            boolean planned, String jsonBodyPointer, boolean bodyRequired, boolean acceptsForm) {

        /** What the operation does, for messages: its summary, else its operationId. */
        public String describe() {
            return summary == null || summary.isBlank() ? operationId : operationId + " (" + summary + ")";
        }
    }

    /** Pages that are not API operations: the documentation and its assets, on the global host. */
    private static final List<PathPattern> SITE = List.of("/", "/docs", "/v1/docs", "/webjars/**", "/favicon.ico")
            .stream().map(PathPatternParser.defaultInstance::parse).toList();

    private final List<Operation> operations;
    private final Map<Api, JsonNode> documents;

    public ContractCatalog() {
        ObjectMapper yaml = YAMLMapper.builder().build();
        Map<Api, JsonNode> docs = new java.util.EnumMap<>(Api.class);
        List<Operation> ops = new ArrayList<>();
        for (Api api : Api.values()) {
            JsonNode doc;
            try {
                doc = yaml.readTree(new ClassPathResource(api.resource).getContentAsByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the contract " + api.resource, e);
            }
            docs.put(api, doc);
            boolean globalBearer = doc.path("security").toString().contains("bearer");
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
                    boolean bearer = security == null ? globalBearer : security.toString().contains("\"bearer\"");
                    String pointer = null;
                    JsonNode json = o.path("requestBody").path("content").path("application/json");
                    if (json.has("schema")) {
                        pointer = "/paths/" + escape(path.getKey()) + "/" + op.getKey() + "/requestBody/content/application~1json/schema";
                    }
                    ops.add(new Operation(api, method, path.getKey(), pattern, o.path("operationId").asString(),
                            o.path("summary").asString(null), hosts(api, o.get("x-secplane-hosts")), isPublic,
                            bearer, "planned".equals(o.path("x-secplane-status").asString(null)), pointer,
                            o.path("requestBody").path("required").asBoolean(false),
                            o.path("requestBody").path("content").has("application/x-www-form-urlencoded")));
                }
            }
        }
        this.operations = List.copyOf(ops);
        this.documents = docs;
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

    /** Whether a host serves a path at all (any method): else the path is a 404 on that host. */
    public boolean serves(HostKind host, String path) {
        PathContainer p = parse(path);
        if (p == null) {
            return false;
        }
        for (Operation op : operations) {
            if (op.hosts().contains(host) && op.pattern().matches(p)) {
                return true;
            }
        }
        return host == HostKind.SCC_GLOBAL && SITE.stream().anyMatch(s -> s.matches(p));
    }

    /**
     * The operation a request names on a host. Literal paths win over templated ones
     * ({@code claimInfo} before {@code {subscriptionId}}), as Spring routes them.
     */
    public Optional<Operation> find(HostKind host, String method, String path) {
        PathContainer p = parse(path);
        if (p == null) {
            return Optional.empty();
        }
        Operation best = null;
        for (Operation op : operations) {
            if (op.hosts().contains(host) && op.method().equals(method) && op.pattern().matches(p)
                    && (best == null || PathPattern.SPECIFICITY_COMPARATOR.compare(op.pattern(), best.pattern()) < 0)) {
                best = op;
            }
        }
        return Optional.ofNullable(best);
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
