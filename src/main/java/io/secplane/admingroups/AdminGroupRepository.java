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

    /** The groups of an org that include a user. */
    public List<AdminGroup> ofUser(UUID orgId, UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_groups WHERE org_id = ? AND id IN "
                        + "(SELECT group_id FROM admin_group_members WHERE user_id = ?) ORDER BY name_key, id")
                .param(orgId).param(userId).query(AdminGroupRepository::map).list();
    }

    public void update(UUID orgId, UUID id, String name, String description, AdminGroup.AppliesTo appliesTo) {
        jdbc.sql("UPDATE admin_groups SET name = ?, name_key = ?, description = ?, applies_to = ?, updated_at = ? "
                        + "WHERE org_id = ? AND id = ?")
                .param(name).param(nameKey(name)).param(description).param(appliesTo.name())
                .param(io.secplane.db.Sql.now()).param(orgId).param(id).update();
    }

    public boolean delete(UUID orgId, UUID id) {
        jdbc.sql("DELETE FROM admin_group_members WHERE group_id = ?").param(id).update();
        jdbc.sql("DELETE FROM admin_group_roles WHERE group_id = ?").param(id).update();
        jdbc.sql("DELETE FROM admin_group_orgs WHERE group_id = ?").param(id).update();
        return jdbc.sql("DELETE FROM admin_groups WHERE org_id = ? AND id = ?").param(orgId).param(id).update() == 1;
    }

    /**
     * Adds a member; true when it was not one. Insert-if-absent in one statement, so that two
     * requests adding at once both succeed and neither loses the other's member.
     */
    public boolean addMember(UUID groupId, UUID userId) {
        try {
            return jdbc.sql("INSERT INTO admin_group_members (group_id, user_id, added_at) SELECT ?, ?, ? "
                            + "WHERE NOT EXISTS (SELECT 1 FROM admin_group_members WHERE group_id = ? AND user_id = ?)")
                    .param(groupId).param(userId).param(io.secplane.db.Sql.now()).param(groupId).param(userId)
                    .update() == 1;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    public boolean removeMember(UUID groupId, UUID userId) {
        return jdbc.sql("DELETE FROM admin_group_members WHERE group_id = ? AND user_id = ?")
                .param(groupId).param(userId).update() == 1;
    }

    public boolean addOrg(UUID groupId, UUID orgId) {
        try {
            return jdbc.sql("INSERT INTO admin_group_orgs (group_id, managed_org_id) SELECT ?, ? "
                            + "WHERE NOT EXISTS (SELECT 1 FROM admin_group_orgs WHERE group_id = ? AND managed_org_id = ?)")
                    .param(groupId).param(orgId).param(groupId).param(orgId).update() == 1;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    public boolean removeOrg(UUID groupId, UUID orgId) {
        return jdbc.sql("DELETE FROM admin_group_orgs WHERE group_id = ? AND managed_org_id = ?")
                .param(groupId).param(orgId).update() == 1;
    }

    /** The managed orgs a group reaches: all its org manages (all), none (manager), or those listed (selected_managed). */
    public List<UUID> reachedOrgs(AdminGroup g) {
        return switch (g.appliesTo()) {
            case all -> jdbc.sql("SELECT managed_id FROM org_managers WHERE manager_id = ?").param(g.orgId())
                    .query(UUID.class).list();
            case manager -> List.of();
            case selected_managed -> jdbc.sql("SELECT a.managed_org_id FROM admin_group_orgs a JOIN org_managers m "
                            + "ON m.managed_id = a.managed_org_id AND m.manager_id = ? WHERE a.group_id = ?")
                    .param(g.orgId()).param(g.id()).query(UUID.class).list();
        };
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
