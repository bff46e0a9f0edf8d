package io.secplane.roles;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.secplane.access.Level;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SQL for roles and who holds them (users directly, admin groups). */
@Repository
public class RoleRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "r.id, r.org_id, r.name, r.description, r.type, r.products, r.api_access";
    private final JdbcClient jdbc;

    public RoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The roles an org can assign: everyone's (STATIC, BUNDLED) and its own CUSTOM ones. */
    public List<Role> assignable(UUID orgId, String type) {
        var query = jdbc.sql("SELECT " + COLUMNS + " FROM roles r WHERE (r.org_id IS NULL OR r.org_id = ?)"
                        + (type == null ? "" : " AND r.type = ?")
                        + " ORDER BY CASE r.type WHEN 'STATIC' THEN 0 WHEN 'BUNDLED' THEN 1 ELSE 2 END, r.name, r.id")
                .param(orgId);
        return (type == null ? query : query.param(type)).query(RoleRepository::map).list();
    }

    /** A role the org can assign, or empty (another org's custom role is not one). */
    public Optional<Role> find(UUID orgId, UUID roleId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM roles r WHERE r.id = ? AND (r.org_id IS NULL OR r.org_id = ?)")
                .param(roleId).param(orgId).query(RoleRepository::map).optional();
    }

    public void insertCustom(Role role) {
        jdbc.sql("INSERT INTO roles (id, org_id, name, name_key, description, type, api_access, products, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, 'CUSTOM', ?, '[]', ?)")
                .param(role.id()).param(role.orgId()).param(role.displayName())
                .param(role.displayName().toLowerCase(Locale.ROOT)).param(role.description())
                .param(role.apiAccess().name()).param(io.secplane.db.Sql.now()).update();
    }

    public boolean customNameTaken(UUID orgId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM roles WHERE org_id = ? AND name_key = ?")
                .param(orgId).param(name.toLowerCase(Locale.ROOT)).query(Long.class).single() > 0;
    }

    /** The roles users hold directly in an org, by user (one query for a page of users). */
    public Map<UUID, List<Role.Ref>> ofUsers(UUID orgId, Collection<UUID> userIds) {
        Map<UUID, List<Role.Ref>> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT ur.user_id, r.id, r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
                        + "WHERE ur.org_id = ? AND ur.user_id IN (" + io.secplane.db.Sql.placeholders(userIds.size())
                        + ") ORDER BY r.name")
                .params(concat(orgId, userIds))
                .query(rs -> {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Role.Ref(rs.getObject(2, UUID.class), rs.getString(3)));
                });
        return out;
    }

    public List<Role> ofGroup(UUID groupId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_group_roles gr JOIN roles r ON r.id = gr.role_id "
                        + "WHERE gr.group_id = ? ORDER BY r.name").param(groupId).query(RoleRepository::map).list();
    }

    public List<Role> ofKey(UUID keyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key_roles kr JOIN roles r ON r.id = kr.role_id "
                        + "WHERE kr.api_key_id = ? ORDER BY r.name").param(keyId).query(RoleRepository::map).list();
    }

    /** Gives a user a role in an org; false when it already held it. */
    public boolean grantUser(UUID userId, UUID orgId, UUID roleId) {
        if (jdbc.sql("SELECT COUNT(*) FROM user_roles WHERE user_id = ? AND org_id = ? AND role_id = ?")
                .param(userId).param(orgId).param(roleId).query(Long.class).single() > 0) {
            return false;
        }
        try {
            jdbc.sql("INSERT INTO user_roles (org_id, user_id, role_id) VALUES (?, ?, ?)")
                    .param(orgId).param(userId).param(roleId).update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    public boolean revokeUser(UUID userId, UUID orgId, UUID roleId) {
        return jdbc.sql("DELETE FROM user_roles WHERE user_id = ? AND org_id = ? AND role_id = ?")
                .param(userId).param(orgId).param(roleId).update() > 0;
    }

    public boolean grantGroup(UUID groupId, UUID roleId) {
        if (jdbc.sql("SELECT COUNT(*) FROM admin_group_roles WHERE group_id = ? AND role_id = ?")
                .param(groupId).param(roleId).query(Long.class).single() > 0) {
            return false;
        }
        try {
            jdbc.sql("INSERT INTO admin_group_roles (group_id, role_id) VALUES (?, ?)").param(groupId).param(roleId).update();
            return true;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    public boolean revokeGroup(UUID groupId, UUID roleId) {
        return jdbc.sql("DELETE FROM admin_group_roles WHERE group_id = ? AND role_id = ?")
                .param(groupId).param(roleId).update() > 0;
    }

    private static List<Object> concat(Object first, Collection<?> rest) {
        List<Object> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    static Role map(ResultSet rs, int n) throws SQLException {
        List<Role.Product> products = new ArrayList<>();
        JsonNode p = JSON.readTree(rs.getString("products"));
        for (JsonNode item : p) {
            products.add(new Role.Product(item.path("key").asString(), item.path("name").asString()));
        }
        return new Role(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                rs.getString("description"), rs.getString("type"), List.copyOf(products), Level.of(rs.getString("api_access")));
    }
}
