package io.secplane.objects;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.audit.AuditLog;
import io.secplane.organizations.Organization;
import io.secplane.organizations.OrganizationRepository;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.Fields;

/**
 * Network objects and groups of an org, on its own regional host: values validated and normalised,
 * names unique per type in any case, groups never containing themselves, objects in use kept unless
 * deleted with force, every change guarded by the object's version. The authorizer has let the caller in.
 */
@Service
public class NetObjectService {

    /** What a create or update asks for; null fields are left as they are (on update). */
    public record Change(String name, String description, List<String> labels, List<String> literals, List<UUID> members) {
    }

    public record Page(long count, int limit, long offset, List<NetObject> items) {
    }

    private final NetObjectRepository repository;
    private final OrganizationRepository orgs;
    private final AuditLog audit;

    public NetObjectService(NetObjectRepository repository, OrganizationRepository orgs, AuditLog audit) {
        this.repository = repository;
        this.orgs = orgs;
        this.audit = audit;
    }

    /** The org's objects live on its region's host only: another region's host answers 404. */
    private void onItsHost(UUID orgId, String hostRegion) {
        Organization org = orgs.find(orgId).orElseThrow(() -> ApiException.notFound("Organization " + orgId + " not found."));
        if (hostRegion == null || !org.region().name().equals(hostRegion)) {
            throw ApiException.notFound("Organization " + orgId + " keeps its objects in region " + org.region()
                    + "; this host serves " + hostRegion + ".");
        }
    }

    @Transactional(readOnly = true)
    public Page list(UUID orgId, String region, NetObject.Kind kind, String name, String value, String q, String contains,
                     String overlaps, Integer offset, Integer limit) {
        onItsHost(orgId, region);
        ObjectQuery query = q == null || q.isBlank() ? null : ObjectQuery.parse(q);
        List<NetObjectRepository.Address> only = new java.util.ArrayList<>();
        byAddress(contains, true).ifPresent(a -> only.add(repository.withGroupsAbove(orgId, a)));
        byAddress(overlaps, false).ifPresent(a -> only.add(repository.withGroupsAbove(orgId, a)));
        int l = io.secplane.web.Cursors.limit(limit, 50, 200);
        long off = offset == null ? 0 : offset;
        if (off < 0) {
            throw invalid("offset", "must be 0 or more");
        }
        NetObjectRepository.Filter f = new NetObjectRepository.Filter(orgId, kind, blank(name), blank(value), only, query);
        return new Page(repository.count(f), l, off, repository.page(f, off, l));
    }

    /**
     * A value to match objects by address: those whose addresses cover it (or share an address with
     * it) and the groups above them at any depth, found by the statement that reads the page.
     */
    private java.util.Optional<NetObjectRepository.Address> byAddress(String text, boolean contains) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        NetworkValue v;
        try {
            v = NetworkValue.parse(text);
        } catch (NetworkValue.Invalid e) {
            throw invalid(contains ? "contains" : "overlaps", e.getMessage());
        }
        if (v.kind() == NetworkValue.Kind.FQDN) {
            throw invalid(contains ? "contains" : "overlaps", "must be an address, a network or a range, not a name");
        }
        return java.util.Optional.of(new NetObjectRepository.Address(NetworkValue.key(v.family(), v.low()),
                NetworkValue.key(v.family(), v.high()), contains, List.of()));
    }

    @Transactional(readOnly = true)
    public NetObject get(UUID orgId, String region, UUID id) {
        onItsHost(orgId, region);
        return find(orgId, id, null);
    }

    private NetObject find(UUID orgId, UUID id, NetObject.Kind kind) {
        NetObject o = repository.find(orgId, id).orElse(null);
        if (o == null || kind != null && o.kind() != kind) {
            throw ApiException.notFound((kind == NetObject.Kind.NETWORK_GROUP ? "Network group " : kind == null ? "Object "
                    : "Network object ") + id + " not found in organization " + orgId + ".");
        }
        return o;
    }

    /** The groups that reference an object directly, by name. */
    @Transactional(readOnly = true)
    public List<NetObject> usage(UUID orgId, String region, UUID id) {
        onItsHost(orgId, region);
        find(orgId, id, null);
        return repository.findAll(orgId, repository.groupsOf(id)).values().stream()
                .sorted(java.util.Comparator.comparing((NetObject o) -> o.name().toLowerCase(java.util.Locale.ROOT))
                        .thenComparing(NetObject::id))
                .toList();
    }

    @Transactional
    public NetObject create(UUID orgId, String region, NetObject.Kind kind, Change c) {
        onItsHost(orgId, region);
        UUID id = UUID.randomUUID();
        Valid v = validate(orgId, kind, id, c.name(), c.literals(), c.members());
        NetObject o = new NetObject(id, orgId, kind, v.name, blank(c.description()), labels(c.labels()), 1, Instant.now(),
                Instant.now(), v.literalTexts(), v.members);
        try {
            repository.insert(o, v.literals);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw nameTaken(kind, v.name);
        }
        audit.changed(orgId, "objects/" + id);
        return find(orgId, id, kind);
    }

    /** Up to 1,000 network objects, all or none: every refusal is named, by its item. */
    @Transactional
    public List<NetObject> createMany(UUID orgId, String region, List<Change> changes) {
        onItsHost(orgId, region);
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        List<Valid> valid = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            try {
                Valid v = validate(orgId, NetObject.Kind.NETWORK_OBJECT, new UUID(0, 0), c.name(), c.literals(), List.of());
                Integer earlier = names.putIfAbsent(NetObjectRepository.nameKey(v.name), i);
                if (earlier != null) {
                    problems.add(new ApiException.FieldProblem("/objects/" + i + "/name", "repeats the name of item " + earlier));
                }
                valid.add(v);
            } catch (ApiException e) {
                for (ApiException.FieldProblem p : e.details().isEmpty()
                        ? List.of(new ApiException.FieldProblem("name", e.getMessage())) : e.details()) {
                    problems.add(new ApiException.FieldProblem("/objects/" + i + "/" + p.field().replaceFirst("^/", ""),
                            p.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, problems.size() + " problem(s) in " + changes.size()
                    + " objects; none was created.", problems);
        }
        List<NetObject> made = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < valid.size(); i++) {
            Valid v = valid.get(i);
            Change c = changes.get(i);
            NetObject o = new NetObject(UUID.randomUUID(), orgId, NetObject.Kind.NETWORK_OBJECT, v.name, blank(c.description()),
                    labels(c.labels()), 1, now, now, v.literalTexts(), List.of());
            repository.insert(o, v.literals);
            made.add(o);
        }
        audit.changed(null, orgId, "objects", "created " + made.size() + " network objects");
        Map<UUID, NetObject> stored = repository.findAll(orgId, made.stream().map(NetObject::id).toList());
        return made.stream().map(o -> stored.get(o.id())).toList();
    }

    @Transactional
    public NetObject update(UUID orgId, String region, NetObject.Kind kind, UUID id, String ifMatch, Change c) {
        onItsHost(orgId, region);
        Long version = repository.lock(orgId, id).orElse(null);
        NetObject current = find(orgId, id, kind);
        precondition(ifMatch, version, id);
        Valid v = validate(orgId, kind, id, c.name() == null ? current.name() : c.name(),
                c.literals() == null ? current.literals() : c.literals(),
                c.members() == null ? current.members() : c.members());
        NetObject o = new NetObject(id, orgId, kind, v.name, c.description() == null ? current.description()
                : blank(c.description()), c.labels() == null ? current.labels() : labels(c.labels()), version,
                current.created(), Instant.now(), v.literalTexts(), v.members);
        try {
            repository.update(o, v.literals);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw nameTaken(kind, v.name);
        }
        audit.changed(orgId, "objects/" + id);
        return find(orgId, id, kind);
    }

    @Transactional
    public void delete(UUID orgId, String region, NetObject.Kind kind, UUID id, String ifMatch, boolean forced) {
        onItsHost(orgId, region);
        Long version = repository.lock(orgId, id).orElse(null);
        NetObject current = find(orgId, id, kind);
        precondition(ifMatch, version, id);
        Map<UUID, NetObject> users = repository.findAll(orgId, repository.groupsOf(id));
        if (!users.isEmpty() && !forced) {
            throw ApiException.conflict("'" + current.name() + "' is used by the group" + (users.size() > 1 ? "s " : " ")
                    + String.join(", ", users.values().stream().map(g -> "'" + g.name() + "'").sorted().toList())
                    + "; remove it from them first, or delete with forcedDelete=true, which removes those references too.");
        }
        repository.dropReferences(id);
        repository.delete(id);
        audit.changed(null, orgId, "objects/" + id, forced && !users.isEmpty() ? "forced: references removed from "
                + users.size() + " group(s)" : null);
    }

    private static void precondition(String ifMatch, Long version, UUID id) {
        if (ifMatch == null || ifMatch.isBlank() || version == null) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals("\"" + version + "\"") || t.equals(String.valueOf(version))) {
                return;
            }
        }
        throw new ApiException(ErrorCode.PRECONDITION_FAILED, "Object " + id + " has changed since (it is at version "
                + version + ", ETag \"" + version + "\"); read it again and make the change to that.");
    }

    private record Valid(String name, List<NetworkValue> literals, List<UUID> members) {
        List<String> literalTexts() {
            return literals.stream().map(NetworkValue::literal).toList();
        }
    }

    private Valid validate(UUID orgId, NetObject.Kind kind, UUID id, String name, List<String> literals, List<UUID> members) {
        Fields f = new Fields();
        String n = f.text("name", name, true, 255);
        List<NetworkValue> values = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < literals.size(); i++) {
            try {
                NetworkValue v = NetworkValue.parse(literals.get(i));
                if (seen.add(v.literal())) {
                    values.add(v);
                }
            } catch (NetworkValue.Invalid e) {
                f.problem(kind == NetObject.Kind.NETWORK_OBJECT ? "value/defaultContent/literal"
                        : "value/defaultContent/literals/" + i + "/literal", e.getMessage());
            }
        }
        if (kind == NetObject.Kind.NETWORK_GROUP && values.isEmpty() && members.isEmpty() && literals.isEmpty()) {
            f.problem("value/defaultContent", "must hold at least one literal or referenced object");
        }
        f.check();
        if (repository.nameTaken(orgId, kind, n, id)) {
            throw nameTaken(kind, n);
        }
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(members));
        if (!distinct.isEmpty()) {
            Map<UUID, NetObject> found = repository.findAll(orgId, distinct);
            List<UUID> missing = distinct.stream().filter(m -> !found.containsKey(m)).toList();
            if (!missing.isEmpty()) {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "Referenced object" + (missing.size() > 1 ? "s " : " ")
                        + missing.stream().map(UUID::toString).toList() + " not found in organization " + orgId + ".",
                        List.of(new ApiException.FieldProblem("value/defaultContent/referencedObjectUids",
                                "names objects this organization does not have")));
            }
            List<String> chain = cycle(id, distinct);
            if (chain != null) {
                Map<UUID, NetObject> named = repository.findAll(orgId, chain.stream().map(UUID::fromString).toList());
                String path = String.join(" -> ", chain.stream().map(UUID::fromString)
                        .map(x -> x.equals(id) ? "'" + n + "'" : "'" + named.get(x).name() + "'").toList());
                throw new ApiException(ErrorCode.VALIDATION_FAILED, "A group cannot contain itself: " + path + ".",
                        List.of(new ApiException.FieldProblem("value/defaultContent/referencedObjectUids", "makes a cycle: " + path)));
            }
        }
        return new Valid(n, List.copyOf(values), distinct);
    }

    /** The chain from a group back to itself through the members it would hold, or null when there is none. */
    List<String> cycle(UUID group, List<UUID> members) {
        List<UUID> chain = cycle(group, members, repository::membersOf);
        return chain == null ? null : chain.stream().map(UUID::toString).toList();
    }

    /**
     * The shortest chain group -> ... -> group that giving {@code group} these members would close,
     * walking the members each object holds now; null when there is none.
     */
    static List<UUID> cycle(UUID group, List<UUID> members, java.util.function.Function<UUID, List<UUID>> membersOf) {
        Map<UUID, UUID> parent = new HashMap<>();
        Deque<UUID> queue = new ArrayDeque<>();
        for (UUID m : members) {
            if (!parent.containsKey(m)) {
                parent.put(m, group);
                queue.add(m);
            }
        }
        while (!queue.isEmpty()) {
            UUID node = queue.poll();
            if (node.equals(group)) {
                List<UUID> chain = new ArrayList<>();
                chain.add(group);
                for (UUID p = parent.get(group); !p.equals(group); p = parent.get(p)) {
                    chain.add(0, p);
                }
                chain.add(0, group);
                return chain;
            }
            for (UUID next : membersOf.apply(node)) {
                if (!parent.containsKey(next)) {
                    parent.put(next, node);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    /** The literals an object stands for, its members' included at any depth, each once. */
    public List<String> elements(NetObject o) {
        Set<String> out = new LinkedHashSet<>(o.literals());
        Set<UUID> seen = new HashSet<>(Set.of(o.id()));
        Deque<UUID> queue = new ArrayDeque<>(o.members());
        while (!queue.isEmpty()) {
            List<UUID> batch = new ArrayList<>();
            while (!queue.isEmpty()) {
                UUID id = queue.poll();
                if (seen.add(id)) {
                    batch.add(id);
                }
            }
            for (NetObject m : repository.findAll(o.orgId(), batch).values()) {
                out.addAll(m.literals());
                queue.addAll(m.members());
            }
        }
        return List.copyOf(out);
    }

    public Map<UUID, NetObject> referenced(NetObject o) {
        return repository.findAll(o.orgId(), o.members());
    }

    private static ApiException nameTaken(NetObject.Kind kind, String name) {
        return ApiException.conflict("A " + (kind == NetObject.Kind.NETWORK_GROUP ? "network group" : "network object")
                + " named '" + name + "' already exists in this organization.");
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "'" + field + "' " + message + ".",
                List.of(new ApiException.FieldProblem(field, message)));
    }

    private static List<String> labels(List<String> labels) {
        return labels == null ? List.of() : List.copyOf(new LinkedHashSet<>(labels));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
