package io.secplane.access;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.secplane.xdr.XdrScopes;

/** The SQL that says what a caller may do: users, their roles and groups, keys and clients. */
@Repository
public class AccessRepository {

    /** A user's state: its org and status. */
    public record UserState(UUID orgId, String status, boolean orgManages) {
    }

    /** A role held in one org (directly, or through a group with the group's reach). */
    public record Grant(UUID orgId, String appliesTo, UUID groupId, Level level, boolean orgManages) {
    }

    public record KeyState(UUID orgId, String status, Instant expiresAt, UUID createdBy, Level cap, boolean orgManages) {
    }

    public record ClientState(UUID orgId, String status, UUID userId, Set<String> scopes, boolean xdrActive) {
    }

    /** Whether the org (column) manages any org now: only then do its grants reach further. */
    private static String manages(String orgColumn) {
        return "CASE WHEN EXISTS (SELECT 1 FROM org_managers mm WHERE mm.manager_id = " + orgColumn + ") THEN 'yes' ELSE 'no' END";
    }

    private static final String MANAGER = "yes";

    private final JdbcClient jdbc;

    public AccessRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserState> user(UUID userId) {
        return jdbc.sql("SELECT u.org_id, u.status, " + manages("u.org_id") + " FROM users u WHERE u.id = ?")
                .param(userId)
                .query((rs, n) -> new UserState(rs.getObject(1, UUID.class), rs.getString(2), MANAGER.equals(rs.getString(3))))
                .optional();
    }

    /** The user's direct roles (with the org each is held in) and its groups' roles (with their reach). */
    public List<Grant> grants(UUID userId) {
        List<Grant> out = new ArrayList<>();
        jdbc.sql("SELECT ur.org_id, r.api_access, " + manages("ur.org_id") + " FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
                        + "WHERE ur.user_id = ?")
                .param(userId)
                .query(rs -> {
                    out.add(new Grant(rs.getObject(1, UUID.class), null, null, Level.of(rs.getString(2)),
                            MANAGER.equals(rs.getString(3))));
                });
        jdbc.sql("SELECT g.org_id, g.applies_to, g.id, r.api_access, " + manages("g.org_id") + " FROM admin_group_members m "
                        + "JOIN admin_groups g ON g.id = m.group_id JOIN admin_group_roles gr ON gr.group_id = g.id "
                        + "JOIN roles r ON r.id = gr.role_id WHERE m.user_id = ?")
                .param(userId)
                .query(rs -> {
                    out.add(new Grant(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                            Level.of(rs.getString(4)), MANAGER.equals(rs.getString(5))));
                });
        return out;
    }

    /** The users shared into an org: a change there may give them roles there. */
    public List<UUID> sharedUsers(UUID orgId) {
        return jdbc.sql("SELECT user_id FROM shared_users WHERE org_id = ?").param(orgId).query(UUID.class).list();
    }

    /**
     * The level a reach gives in one org beyond the orgs it names: through the org's managers (one
     * indexed read, an org has few) and the selected groups that list it.
     */
    public Level level(Reach reach, UUID orgId) {
        Level level = Level.NONE;
        List<UUID> managers = jdbc.sql("SELECT manager_id FROM org_managers WHERE managed_id = ?").param(orgId)
                .query(UUID.class).list();
        boolean selectable = false;
        for (UUID m : managers) {
            level = level.max(reach.managed().getOrDefault(m, Level.NONE));
            selectable |= reach.selected().values().stream().anyMatch(s -> s.groupOrg().equals(m));
        }
        if (selectable && level != Level.WRITE) {
            for (UUID g : jdbc.sql("SELECT group_id FROM admin_group_orgs WHERE managed_org_id = ?").param(orgId)
                    .query(UUID.class).list()) {
                Reach.Selected s = reach.selected().get(g);
                if (s != null && managers.contains(s.groupOrg())) {
                    level = level.max(s.level());
                }
            }
        }
        return level;
    }

    /**
     * A condition in SQL and the values it binds: the caller's grants, never the orgs they reach. With
     * {@code viaManager}, the orgs that manager manages, read from its links ({@code rm}, which carry
     * each managed org's sort keys), the condition (on {@code rm.managed_id}, or empty) narrowing them.
     */
    public record Condition(String sql, List<Object> params, UUID viaManager) {

        public Condition(String sql, List<Object> params) {
            this(sql, params, null);
        }
    }

    /**
     * The orgs (column {@code orgColumn}) where a reach gives at least {@code min}, as conditions a
     * statement evaluates with indexed lookups, one per kind of grant: the orgs it names (read by
     * their key), the orgs its managers manage, the orgs its selected groups list. A statement reads
     * each apart, in its order, and merges them (see {@code OrganizationRepository.list}): the
     * database plans each on its own, so that neither a caller of one org nor a manager of thousands
     * pays for the other's kind. Nothing here binds the orgs a caller reaches, only its grants.
     */
    public static List<Condition> reachable(String orgColumn, Reach reach, Level min) {
        List<Condition> any = new ArrayList<>();
        List<UUID> named = reach.direct().entrySet().stream().filter(e -> e.getValue().covers(min)).map(java.util.Map.Entry::getKey)
                .sorted().toList();
        if (!named.isEmpty()) {
            any.add(new Condition(orgColumn + " IN (" + io.secplane.db.Sql.placeholders(named.size()) + ")", List.copyOf(named)));
        }
        List<UUID> managers = reach.managed().entrySet().stream().filter(e -> e.getValue().covers(min))
                .map(java.util.Map.Entry::getKey).sorted().toList();
        for (UUID manager : managers) {
            any.add(new Condition("", List.of(), manager));
        }
        // a selected group's orgs: its org's links, in order, each looked up in the group's list (a subset of them)
        reach.selected().entrySet().stream().filter(e -> e.getValue().level().covers(min))
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> any.add(new Condition("EXISTS (SELECT 1 FROM admin_group_orgs ra WHERE ra.group_id = ? "
                        + "AND ra.managed_org_id = rm.managed_id)", List.of(e.getKey()), e.getValue().groupOrg())));
        return any;
    }

    public Optional<KeyState> key(UUID keyId) {
        return jdbc.sql("SELECT k.org_id, k.status, k.expires_at, k.created_by, "
                        + "(SELECT MAX(CASE r.api_access WHEN 'WRITE' THEN 2 WHEN 'READ' THEN 1 ELSE 0 END) "
                        + "FROM api_key_roles kr JOIN roles r ON r.id = kr.role_id WHERE kr.api_key_id = k.id) "
                        + ", " + manages("k.org_id") + " FROM api_keys k WHERE k.id = ?")
                .param(keyId)
                .query((rs, n) -> {
                    OffsetDateTime exp = rs.getObject(3, OffsetDateTime.class);
                    int cap = rs.getInt(5);
                    return new KeyState(rs.getObject(1, UUID.class), rs.getString(2), exp == null ? null : exp.toInstant(),
                            rs.getObject(4, UUID.class), cap >= 2 ? Level.WRITE : cap == 1 ? Level.READ : Level.NONE,
                            MANAGER.equals(rs.getString(6)));
                })
                .optional();
    }

    public Optional<ClientState> client(String clientId) {
        return jdbc.sql("SELECT c.org_id, c.status, c.created_by, c.scopes, p.active FROM api_clients c "
                        + "LEFT JOIN org_products p ON p.org_id = c.org_id AND p.product = 'XDR' WHERE c.id = ?").param(clientId)
                .query((rs, n) -> new ClientState(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, UUID.class), XdrScopes.parse(rs.getString(4)), rs.getBoolean(5)))
                .optional();
    }
}
