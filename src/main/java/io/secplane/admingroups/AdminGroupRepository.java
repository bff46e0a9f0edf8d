package io.secplane.admingroups;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for admin groups; every query is scoped by org first. */
@Repository
public class AdminGroupRepository {

    private static final String COLUMNS = "id, org_id, name, description, type, applies_to, created_at";
    private final JdbcClient jdbc;

    public AdminGroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(AdminGroup g) {
        OffsetDateTime at = OffsetDateTime.ofInstant(g.created(), ZoneOffset.UTC);
        jdbc.sql("INSERT INTO admin_groups (id, org_id, name, name_key, description, type, applies_to, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(g.id()).param(g.orgId()).param(g.name()).param(nameKey(g.name())).param(g.description())
                .param(g.type()).param(g.appliesTo().name()).param(at).param(at)
                .update();
    }

    public boolean nameTaken(UUID orgId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM admin_groups WHERE org_id = ? AND name_key = ?")
                .param(orgId).param(nameKey(name)).query(Long.class).single() > 0;
    }

    public Optional<AdminGroup> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_groups WHERE org_id = ? AND id = ?")
                .param(orgId).param(id).query(AdminGroupRepository::map).optional();
    }

    public List<AdminGroup> list(UUID orgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_groups WHERE org_id = ? ORDER BY name_key, id")
                .param(orgId).query(AdminGroupRepository::map).list();
    }

    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static AdminGroup map(ResultSet rs, int n) throws SQLException {
        return new AdminGroup(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                rs.getString("description"), rs.getString("type"),
                AdminGroup.AppliesTo.valueOf(rs.getString("applies_to")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
