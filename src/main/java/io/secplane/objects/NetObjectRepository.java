package io.secplane.objects;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.secplane.db.Sql;
import tools.jackson.databind.json.JsonMapper;

/** SQL for network objects and groups: rows, literals (with their address keys), group members. */
@Repository
public class NetObjectRepository {

    /** What a page of objects is filtered by; null means no filter. */
    public record Filter(UUID orgId, NetObject.Kind kind, String name, String value, List<Address> only, ObjectQuery query) {
    }

    /**
     * Objects whose own addresses cover [low, high] ({@code contains}) or share an address with it,
     * and every group above them at any depth.
     */
    public record Address(String lowKey, String highKey, boolean contains, List<UUID> groupsAbove) {

        Address withGroups(List<UUID> groups) {
            return new Address(lowKey, highKey, contains, List.copyOf(groups));
        }

        String low() {
            return contains ? lowKey : highKey;
        }

        String high() {
            return contains ? highKey : lowKey;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;

    public NetObjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public void insert(NetObject o, List<NetworkValue> literals) {
        OffsetDateTime now = io.secplane.db.Sql.now();
        jdbc.sql("INSERT INTO network_objects (id, org_id, kind, name, name_key, description, labels, version, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")
                .param(o.id()).param(o.orgId()).param(o.kind().name()).param(o.name()).param(nameKey(o.name()))
                .param(o.description()).param(JSON.writeValueAsString(o.labels())).param(now).param(now).update();
        content(o.id(), o.orgId(), literals, o.members());
    }

    /** Replaces an object's fields and content and moves it to the next version. */
    public void update(NetObject o, List<NetworkValue> literals) {
        jdbc.sql("UPDATE network_objects SET name = ?, name_key = ?, description = ?, labels = ?, version = version + 1, "
                        + "updated_at = ? WHERE id = ? AND org_id = ?")
                .param(o.name()).param(nameKey(o.name())).param(o.description()).param(JSON.writeValueAsString(o.labels()))
                .param(io.secplane.db.Sql.now()).param(o.id()).param(o.orgId()).update();
        jdbc.sql("DELETE FROM network_literals WHERE object_id = ?").param(o.id()).update();
        jdbc.sql("DELETE FROM network_group_members WHERE group_id = ?").param(o.id()).update();
        content(o.id(), o.orgId(), literals, o.members());
    }

    private void content(UUID id, UUID orgId, List<NetworkValue> literals, List<UUID> members) {
        int position = 0;
        for (NetworkValue v : literals) {
            jdbc.sql("INSERT INTO network_literals (object_id, position, org_id, literal, value_kind, low_key, high_key) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .param(id).param(position++).param(orgId).param(v.literal()).param(v.kind().name())
                    .param(v.low() == null ? null : NetworkValue.key(v.family(), v.low()))
                    .param(v.high() == null ? null : NetworkValue.key(v.family(), v.high()))
                    .update();
        }
        for (UUID m : members) {
            jdbc.sql("INSERT INTO network_group_members (group_id, member_id) VALUES (?, ?)").param(id).param(m).update();
        }
    }

    /** Holds the object's row until the transaction ends; its version then. */
    public Optional<Long> lock(UUID orgId, UUID id) {
        return jdbc.sql("SELECT version FROM network_objects WHERE org_id = ? AND id = ? FOR UPDATE")
                .param(orgId).param(id).query(Long.class).optional();
    }

    public Optional<NetObject> find(UUID orgId, UUID id) {
        List<NetObject> found = load(jdbc.sql("SELECT * FROM network_objects WHERE org_id = ? AND id = ?")
                .param(orgId).param(id).query(NetObjectRepository::row).list());
        return found.stream().findFirst();
    }

    /** Objects of an org by id (those that exist). */
    public Map<UUID, NetObject> findAll(UUID orgId, Collection<UUID> ids) {
        Map<UUID, NetObject> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>();
        params.add(orgId);
        params.addAll(ids);
        for (NetObject o : load(jdbc.sql("SELECT * FROM network_objects WHERE org_id = ? AND id IN ("
                + Sql.placeholders(ids.size()) + ")").params(params)
                .query(NetObjectRepository::row).list())) {
            out.put(o.id(), o);
        }
        return out;
    }

    public boolean nameTaken(UUID orgId, NetObject.Kind kind, String name, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM network_objects WHERE org_id = ? AND kind = ? AND name_key = ? AND id <> ?")
                .param(orgId).param(kind.name()).param(nameKey(name)).param(except).query(Long.class).single() > 0;
    }

    public long count(Filter f) {
        List<Object> params = new ArrayList<>();
        return jdbc.sql("SELECT COUNT(*) FROM network_objects o" + where(f, params)).params(params).query(Long.class).single();
    }

    /**
     * One page by offset, by name then id: the ids first, read from the index alone (a deep offset
     * skips index entries, not rows), then those rows.
     */
    public List<NetObject> page(Filter f, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        List<UUID> ids = jdbc.sql("SELECT o.id FROM network_objects o" + where(f, params) + " ORDER BY o.name_key, o.id LIMIT "
                + limit + " OFFSET " + offset).params(params).query(UUID.class).list();
        Map<UUID, NetObject> rows = findAll(f.orgId(), ids);
        return ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList();
    }

    private static String where(Filter f, List<Object> params) {
        StringBuilder w = new StringBuilder(" WHERE o.org_id = ?");
        params.add(f.orgId());
        if (f.kind() != null) {
            w.append(" AND o.kind = ?");
            params.add(f.kind().name());
        }
        if (f.name() != null) {
            w.append(" AND o.name_key LIKE ? ESCAPE '!'");
            params.add(Sql.containsAnyCase(f.name()));
        }
        if (f.value() != null) {
            w.append(" AND EXISTS (SELECT 1 FROM network_literals l WHERE l.object_id = o.id AND l.literal LIKE ? ESCAPE '!')");
            params.add(Sql.containsAnyCase(f.value()));
        }
        if (f.query() != null) {
            w.append(" AND ").append(f.query().sql());
            params.addAll(f.query().params());
        }
        for (Address a : f.only()) {
            // an object or group by its own addresses, row by row from its literals' key; a group above one
            // at any depth, from the list found before (a few of the org's groups, one bound value)
            w.append(" AND (EXISTS (SELECT 1 FROM network_literals l WHERE l.object_id = o.id AND l.low_key <= ? "
                    + "AND l.high_key >= ?)");
            params.add(a.low());
            params.add(a.high());
            if (!a.groupsAbove().isEmpty()) {
                w.append(" OR o.id = ANY(?)");
                params.add(Sql.uuidArray(a.groupsAbove()));
            }
            w.append(")");
        }
        return w.toString();
    }

    /**
     * The org's groups above the objects and groups an address matches by their own addresses, at any
     * depth: one recursive statement that walks the org's groups, never its objects.
     */
    public Address withGroupsAbove(UUID orgId, Address a) {
        return a.withGroups(jdbc.sql("WITH RECURSIVE above(id) AS (SELECT m.group_id FROM network_group_members m "
                        + "JOIN network_objects g ON g.id = m.group_id AND g.org_id = ? "
                        + "JOIN network_literals l ON l.object_id = m.member_id AND l.low_key <= ? AND l.high_key >= ? "
                        + "UNION SELECT m.group_id FROM network_group_members m JOIN above v ON m.member_id = v.id) "
                        + "SELECT id FROM above")
                .param(orgId).param(a.low()).param(a.high()).query(UUID.class).list());
    }

    /** The groups that reference this object directly. */
    public List<UUID> groupsOf(UUID member) {
        return jdbc.sql("SELECT DISTINCT group_id FROM network_group_members WHERE member_id = ?").param(member)
                .query(UUID.class).list();
    }

    public List<UUID> membersOf(UUID groupId) {
        return jdbc.sql("SELECT member_id FROM network_group_members WHERE group_id = ?").param(groupId).query(UUID.class).list();
    }

    /** Drops every reference groups hold to an object, moving those groups to their next version. */
    public void dropReferences(UUID id) {
        jdbc.sql("UPDATE network_objects SET version = version + 1, updated_at = ? WHERE id IN "
                        + "(SELECT group_id FROM network_group_members WHERE member_id = ?)")
                .param(io.secplane.db.Sql.now()).param(id).update();
        jdbc.sql("DELETE FROM network_group_members WHERE member_id = ?").param(id).update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM network_literals WHERE object_id = ?").param(id).update();
        jdbc.sql("DELETE FROM network_group_members WHERE group_id = ?").param(id).update();
        jdbc.sql("DELETE FROM network_objects WHERE id = ?").param(id).update();
    }

    private record Row(UUID id, UUID orgId, NetObject.Kind kind, String name, String description, String labels,
                       long version, OffsetDateTime created, OffsetDateTime updated) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                NetObject.Kind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("description"),
                rs.getString("labels"), rs.getLong("version"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    /** Rows with their literals and members, two queries for the lot. */
    private List<NetObject> load(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Object> ids = new ArrayList<>(rows.stream().map(Row::id).toList());
        String in = Sql.placeholders(ids.size());
        Map<UUID, List<String>> literals = new LinkedHashMap<>();
        jdbc.sql("SELECT object_id, literal FROM network_literals WHERE object_id IN (" + in + ") ORDER BY object_id, position")
                .params(ids)
                .query(rs -> {
                    literals.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<UUID, List<UUID>> members = new LinkedHashMap<>();
        jdbc.sql("SELECT group_id, member_id FROM network_group_members WHERE group_id IN (" + in + ") ORDER BY group_id, member_id")
                .params(ids)
                .query(rs -> {
                    members.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
                });
        List<NetObject> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> labels = new ArrayList<>();
            JSON.readTree(r.labels()).forEach(l -> labels.add(l.asString()));
            out.add(new NetObject(r.id(), r.orgId(), r.kind(), r.name(), r.description(), List.copyOf(labels), r.version(),
                    r.created().toInstant(), r.updated().toInstant(), List.copyOf(literals.getOrDefault(r.id(), List.of())),
                    List.copyOf(members.getOrDefault(r.id(), List.of()))));
        }
        return out;
    }
}
