package io.secplane.organizations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.secplane.organizations.Organization.OrgType;

/** SQL for organizations and the manager / managed links between them. */
@Repository
public class OrganizationRepository {

    /** Sortable columns, by the name the API uses. */
    public enum SortBy {
        name("name"), created("created_at"), type("type"), regionCode("region_code");

        final String column;

        SortBy(String column) {
            this.column = column;
        }
    }

    public record ListQuery(List<io.secplane.access.AccessRepository.Condition> visible, String name, OrgType type, Region region, UUID managerOrgId,
                            SortBy sortBy, boolean descending, String afterValue, UUID afterId, int limit) {
    }

    private final JdbcClient jdbc;

    public OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, String name, OrgType type, Region region, Instant created) {
        OffsetDateTime at = OffsetDateTime.ofInstant(created, ZoneOffset.UTC);
        jdbc.sql("INSERT INTO organizations (id, name, type, region_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                .param(id).param(name).param(type.name()).param(region.name()).param(at).param(at)
                .update();
    }

    public void link(UUID managerId, UUID managedId) {
        jdbc.sql("INSERT INTO org_managers (manager_id, managed_id, created_at, managed_name, managed_created_at, managed_type, "
                        + "managed_region_code) SELECT ?, o.id, ?, o.name, o.created_at, o.type, o.region_code FROM organizations o "
                        + "WHERE o.id = ?")
                .param(managerId).param(io.secplane.db.Sql.now()).param(managedId).update();
    }

    public boolean exists(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM organizations WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    /** Only the name: for hot paths that need no more (the IROH token's org/name claim). */
    public Optional<String> name(UUID id) {
        return jdbc.sql("SELECT name FROM organizations WHERE id = ?").param(id).query(String.class).optional();
    }

    public void rename(UUID id, String name) {
        jdbc.sql("UPDATE organizations SET name = ?, updated_at = ? WHERE id = ?")
                .param(name).param(io.secplane.db.Sql.now()).param(id).update();
        jdbc.sql("UPDATE org_managers SET managed_name = ? WHERE managed_id = ?").param(name).param(id).update();
    }

    public Optional<Organization> find(UUID id) {
        return jdbc.sql("SELECT id, name, type, region_code, created_at FROM organizations WHERE id = ?")
                .param(id).query(OrganizationRepository::summary).optional()
                .map(o -> {
                    // both directions of the links in one query
                    List<UUID> managed = new ArrayList<>();
                    List<UUID> managers = new ArrayList<>();
                    jdbc.sql("SELECT manager_id, managed_id FROM org_managers WHERE manager_id = ? OR managed_id = ? "
                                    + "ORDER BY manager_id, managed_id")
                            .param(id).param(id)
                            .query(rs -> {
                                UUID manager = rs.getObject(1, UUID.class);
                                UUID managedId = rs.getObject(2, UUID.class);
                                if (manager.equals(id)) {
                                    managed.add(managedId);
                                } else {
                                    managers.add(manager);
                                }
                            });
                    managed.sort(null);
                    return new Organization(o.id(), o.name(), o.type(), o.region(), o.created(), managed, managers);
                });
    }

    /**
     * One page, by keyset: the rows after (afterValue, afterId) in the chosen order, among the orgs
     * each condition of {@code visible} gives. Each is read apart, in the page's order and no further
     * than the page (so the database plans each on its own: a lookup by key for the orgs a caller's
     * grants name, a walk of the order's index or of a manager's links for the orgs it manages), and
     * the pages merged.
     */
    public List<Organization> list(ListQuery q) {
        if (q.visible().isEmpty()) {
            return List.of();
        }
        String col = q.sortBy().column;
        String dir = q.descending() ? "DESC" : "ASC";
        List<Object> params = new ArrayList<>();
        List<String> branches = new ArrayList<>();
        for (io.secplane.access.AccessRepository.Condition visible : q.visible()) {
            branches.add("(" + branch(q, visible, params) + ")");
        }
        String sql = branches.size() == 1 ? branches.get(0).substring(1, branches.get(0).length() - 1)
                : "SELECT id, name, type, region_code, created_at FROM (" + String.join(" UNION ", branches) + ") pages ORDER BY "
                        + col + " " + dir + ", id " + dir + " LIMIT " + q.limit();
        return jdbc.sql(sql).params(params).query(OrganizationRepository::summary).list();
    }

    private static String branch(ListQuery q, io.secplane.access.AccessRepository.Condition visible, List<Object> params) {
        if (visible.viaManager() != null) {
            return viaManager(q, visible, params);
        }
        StringBuilder sql = new StringBuilder("SELECT o.id, o.name, o.type, o.region_code, o.created_at FROM organizations o"
                + " WHERE " + visible.sql());
        params.addAll(visible.params());
        if (q.name() != null) {
            sql.append(" AND LOWER(o.name) LIKE ? ESCAPE '!'");
            params.add(io.secplane.db.Sql.containsAnyCase(q.name()));
        }
        if (q.type() != null) {
            sql.append(" AND o.type = ?");
            params.add(q.type().name());
        }
        if (q.region() != null) {
            sql.append(" AND o.region_code = ?");
            params.add(q.region().name());
        }
        if (q.managerOrgId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM org_managers m WHERE m.managed_id = o.id AND m.manager_id = ?)");
            params.add(q.managerOrgId());
        }
        String col = "o." + q.sortBy().column;
        String dir = q.descending() ? "DESC" : "ASC";
        if (q.afterId() != null) {
            String cmp = q.descending() ? "<" : ">";
            sql.append(" AND (").append(col).append(" ").append(cmp).append(" ? OR (").append(col)
                    .append(" = ? AND o.id ").append(cmp).append(" ?))");
            Object after = q.sortBy() == SortBy.created
                    ? OffsetDateTime.ofInstant(Instant.parse(q.afterValue()), ZoneOffset.UTC) : q.afterValue();
            params.add(after);
            params.add(after);
            params.add(q.afterId());
        }
        sql.append(" ORDER BY ").append(col).append(" ").append(dir).append(", o.id ").append(dir);
        sql.append(" LIMIT ").append(q.limit());
        return sql.toString();
    }

    /**
     * The orgs a manager manages (and a condition on its link, {@code rm}), read in the page's order
     * from the manager's links, which carry the sort keys: a page costs what its rows do, however many
     * orgs the manager has.
     */
    private static String viaManager(ListQuery q, io.secplane.access.AccessRepository.Condition visible, List<Object> params) {
        StringBuilder sql = new StringBuilder("SELECT o.id, o.name, o.type, o.region_code, o.created_at FROM org_managers rm "
                + "JOIN organizations o ON o.id = rm.managed_id WHERE rm.manager_id = ?");
        params.add(visible.viaManager());
        if (!visible.sql().isEmpty()) {
            sql.append(" AND ").append(visible.sql());
            params.addAll(visible.params());
        }
        if (q.name() != null) {
            sql.append(" AND LOWER(rm.managed_name) LIKE ? ESCAPE '!'");
            params.add(io.secplane.db.Sql.containsAnyCase(q.name()));
        }
        if (q.type() != null) {
            sql.append(" AND rm.managed_type = ?");
            params.add(q.type().name());
        }
        if (q.region() != null) {
            sql.append(" AND rm.managed_region_code = ?");
            params.add(q.region().name());
        }
        if (q.managerOrgId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM org_managers m WHERE m.managed_id = rm.managed_id AND m.manager_id = ?)");
            params.add(q.managerOrgId());
        }
        String col = "rm.managed_" + q.sortBy().column;
        String dir = q.descending() ? "DESC" : "ASC";
        if (q.afterId() != null) {
            String cmp = q.descending() ? "<" : ">";
            sql.append(" AND (").append(col).append(" ").append(cmp).append(" ? OR (").append(col)
                    .append(" = ? AND rm.managed_id ").append(cmp).append(" ?))");
            Object after = q.sortBy() == SortBy.created
                    ? OffsetDateTime.ofInstant(Instant.parse(q.afterValue()), ZoneOffset.UTC) : q.afterValue();
            params.add(after);
            params.add(after);
            params.add(q.afterId());
        }
        sql.append(" ORDER BY ").append(col).append(" ").append(dir).append(", rm.managed_id ").append(dir);
        sql.append(" LIMIT ").append(q.limit());
        return sql.toString();
    }

    /** Whether an org manages any org now. */
    public boolean managesAny(UUID id) {
        return jdbc.sql("SELECT 1 FROM org_managers WHERE manager_id = ? FETCH FIRST 1 ROWS ONLY").param(id)
                .query(Integer.class).optional().isPresent();
    }

    /** An org's type alone: for the checks that need no more (an org that manages 20,000 reads no link for it). */
    public Optional<OrgType> type(UUID id) {
        return jdbc.sql("SELECT type FROM organizations WHERE id = ?").param(id).query(String.class).optional().map(OrgType::valueOf);
    }

    private static Organization summary(ResultSet rs, int n) throws SQLException {
        return new Organization(rs.getObject("id", UUID.class), rs.getString("name"),
                OrgType.valueOf(rs.getString("type")), Region.valueOf(rs.getString("region_code")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), List.of(), List.of());
    }
}
