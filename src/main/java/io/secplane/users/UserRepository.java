package io.secplane.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.secplane.roles.Role;

/** SQL for the users of an org, their one-time links, and the org's administrators. */
@Repository
public class UserRepository {

    /**
     * What {@link #map} reads, by position (a result set's column map by name is built for each query),
     * as seen from an org (its one parameter): a user of another org is SHARED there.
     */
    private static final String COLUMNS = "u.id, u.org_id, u.email, u.first_name, u.last_name, "
            + "CASE WHEN u.org_id = ? THEN u.status ELSE 'SHARED' END, u.created_at, "
            + "u.last_login, u.mfa_enrolled, u.password_hash IS NOT NULL";

    /** A user (u) is the org's own or shared into it: the org twice. */
    private static final String OF_ORG = "AND (u.org_id = ? OR EXISTS (SELECT 1 FROM shared_users s WHERE s.org_id = ? AND s.user_id = u.id))";

    /** The users of other orgs shared into an org (its one parameter): the maker of a STANDALONE org is one. */
    private static final String SHARED_IDS = "SELECT s.user_id FROM shared_users s WHERE s.org_id = ?";

    public record PageQuery(UUID orgId, UUID groupId, String status, String afterEmailKey, UUID afterId, int limit) {
    }

    public record Ticket(UUID userId, UUID orgId, String purpose, Instant expiresAt, Instant usedAt) {
    }

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public void insert(UUID id, UUID orgId, String email, String firstName, String lastName, String status,
                       String passwordHash, List<UUID> roles) {
        OffsetDateTime now = io.secplane.db.Sql.now();
        jdbc.sql("INSERT INTO users (id, org_id, email, email_key, first_name, last_name, status, password_hash, "
                        + "created_at, updated_at, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(id).param(orgId).param(email.strip()).param(emailKey(email)).param(firstName)
                .param(lastName).param(status).param(passwordHash).param(now).param(now).param(now)
                .update();
        for (UUID role : roles) {
            jdbc.sql("INSERT INTO user_roles (org_id, user_id, role_id) VALUES (?, ?, ?)")
                    .param(orgId).param(id).param(role).update();
        }
    }

    /** A user of the org: its own, or one of another org shared into it (status SHARED). */
    public Optional<User> find(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.id = ? AND u.status <> 'REMOVED' " + OF_ORG)
                .param(orgId).param(id).param(orgId).param(orgId).query(UserRepository::map).optional();
    }

    /**
     * A user and the roles they hold directly, in one statement (consistent without a transaction):
     * {@code GET /users/{id}} is the API's most frequent read of a user.
     */
    public Optional<UserService.Shown> findShown(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + ", r.id, r.name FROM users u "
                        + "LEFT JOIN user_roles ur ON ur.user_id = u.id AND ur.org_id = ? "
                        + "LEFT JOIN roles r ON r.id = ur.role_id "
                        + "WHERE u.id = ? AND u.status <> 'REMOVED' " + OF_ORG + " ORDER BY r.name")
                .param(orgId).param(orgId).param(id).param(orgId).param(orgId).query((ResultSet rs) -> {
                    if (!rs.next()) {
                        return Optional.<UserService.Shown>empty();
                    }
                    User user = map(rs, 0);
                    List<Role.Ref> roles = new ArrayList<>();
                    do {
                        UUID role = rs.getObject(11, UUID.class);
                        if (role != null) {
                            roles.add(new Role.Ref(role, rs.getString(12)));
                        }
                    } while (rs.next());
                    return Optional.of(new UserService.Shown(user, List.copyOf(roles)));
                });
    }

    /** The org's own user with this email (a removed one too); else a user shared into it with this email. */
    public Optional<User> findByEmail(UUID orgId, String email) {
        Optional<User> own = jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.org_id = ? AND u.email_key = ?")
                .param(orgId).param(orgId).param(emailKey(email)).query(UserRepository::map).optional();
        if (own.isPresent()) {
            return own;
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM users u WHERE u.email_key = ? AND u.status <> 'REMOVED' "
                        + "AND u.org_id <> ? AND u.id IN (" + SHARED_IDS + ") ORDER BY u.created_at, u.id LIMIT 1")
                .param(orgId).param(emailKey(email)).param(orgId).param(orgId)
                .query(UserRepository::map).optional();
    }

    /**
     * One page by keyset on (email_key, id): the last page costs what the first does. The org's own
     * users and those shared into it are read apart (each by its index) and merged.
     */
    public List<User> page(PageQuery q) {
        List<User> out = new ArrayList<>();
        if (!User.SHARED.equals(q.status())) {
            out.addAll(pageOf(q, "u.org_id = ?", List.of(q.orgId())));
        }
        if (q.status() == null || User.SHARED.equals(q.status())) {
            out.addAll(pageOf(q, "u.org_id <> ? AND u.id IN (" + SHARED_IDS + ")", List.of(q.orgId(), q.orgId())));
        }
        out.sort(java.util.Comparator.comparing((User u) -> emailKey(u.email())).thenComparing(User::id));
        return out.size() > q.limit() ? List.copyOf(out.subList(0, q.limit())) : out;
    }

    private List<User> pageOf(PageQuery q, String whose, List<Object> whoseParams) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM users u WHERE " + whose);
        List<Object> params = new ArrayList<>();
        params.add(q.orgId());
        params.addAll(whoseParams);
        if (q.status() != null && !User.SHARED.equals(q.status())) {
            sql.append(" AND u.status = ?");
            params.add(q.status());
        } else {
            sql.append(" AND u.status <> 'REMOVED'");
        }
        if (q.groupId() != null) {
            sql.append(" AND u.id IN (SELECT m.user_id FROM admin_group_members m WHERE m.group_id = ?)");
            params.add(q.groupId());
        }
        if (q.afterId() != null) {
            sql.append(" AND (u.email_key > ? OR (u.email_key = ? AND u.id > ?))");
            params.add(q.afterEmailKey());
            params.add(q.afterEmailKey());
            params.add(q.afterId());
        }
        sql.append(" ORDER BY u.email_key, u.id LIMIT ").append(q.limit());
        return jdbc.sql(sql.toString()).params(params).query(UserRepository::map).list();
    }

    public void rename(UUID id, String firstName, String lastName) {
        jdbc.sql("UPDATE users SET first_name = ?, last_name = ?, updated_at = ? WHERE id = ?")
                .param(firstName).param(lastName).param(io.secplane.db.Sql.now()).param(id).update();
    }

    public void setStatus(UUID id, String status) {
        OffsetDateTime now = io.secplane.db.Sql.now();
        // the epoch moves: the user's console sessions end at their next request
        jdbc.sql("UPDATE users SET status = ?, updated_at = ?, status_changed_at = ?, auth_epoch = auth_epoch + 1 WHERE id = ?")
                .param(status).param(now).param(now).param(id).update();
    }

    /** Removes a user: gone from lists, its email free for a new invitation, its roles and memberships dropped. */
    public void remove(UUID id) {
        OffsetDateTime now = io.secplane.db.Sql.now();
        jdbc.sql("UPDATE users SET status = 'REMOVED', email_key = ?, password_hash = NULL, updated_at = ?, "
                        + "status_changed_at = ?, auth_epoch = auth_epoch + 1, totp_secret = NULL WHERE id = ?")
                .param("removed:" + id).param(now).param(now).param(id).update();
        jdbc.sql("DELETE FROM user_roles WHERE user_id = ?").param(id).update();
        jdbc.sql("DELETE FROM admin_group_members WHERE user_id = ?").param(id).update();
        jdbc.sql("DELETE FROM shared_users WHERE user_id = ?").param(id).update();
        jdbc.sql("UPDATE user_tickets SET used_at = ? WHERE user_id = ? AND used_at IS NULL").param(now).param(id).update();
    }

    /** Shares a user of another org into this one (it holds a role here). */
    public void share(UUID id, UUID orgId) {
        jdbc.sql("INSERT INTO shared_users (org_id, user_id, shared_at) VALUES (?, ?, ?)")
                .param(orgId).param(id).param(io.secplane.db.Sql.now()).update();
    }

    /** Takes a user of another org out of this one: its roles here and its places in this org's admin groups. */
    public void unshare(UUID id, UUID orgId) {
        jdbc.sql("DELETE FROM shared_users WHERE user_id = ? AND org_id = ?").param(id).param(orgId).update();
        jdbc.sql("DELETE FROM user_roles WHERE user_id = ? AND org_id = ?").param(id).param(orgId).update();
        jdbc.sql("DELETE FROM admin_group_members WHERE user_id = ? AND group_id IN (SELECT id FROM admin_groups WHERE org_id = ?)")
                .param(id).param(orgId).update();
    }

    public void setPassword(UUID id, String hash) {
        jdbc.sql("UPDATE users SET password_hash = ?, updated_at = ?, auth_epoch = auth_epoch + 1, failed_logins = 0, "
                        + "locked_until = NULL WHERE id = ?")
                .param(hash).param(io.secplane.db.Sql.now()).param(id).update();
    }

    /** Removes the user's authenticator; their console sessions end. */
    public void resetMfa(UUID id) {
        jdbc.sql("UPDATE users SET mfa_enrolled = FALSE, totp_secret = NULL, totp_last_step = 0, "
                        + "auth_epoch = auth_epoch + 1, updated_at = ? WHERE id = ?")
                .param(io.secplane.db.Sql.now()).param(id).update();
    }

    /** Holds the org's row until the transaction ends: changes that could leave it without an administrator queue here. */
    public void lockOrg(UUID orgId) {
        jdbc.sql("SELECT id FROM organizations WHERE id = ? FOR UPDATE").param(orgId).query(UUID.class).optional();
    }

    /**
     * The active users who may write in the org, its own or shared into it: through their roles there
     * or an admin group of the org that reaches it (appliesTo all or manager).
     */
    public long activeAdmins(UUID orgId) {
        return jdbc.sql("SELECT COUNT(*) FROM users u WHERE u.status = 'ACTIVE' AND u.id IN ("
                        + "SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id "
                        + "WHERE ur.org_id = ? AND r.api_access = 'WRITE' "
                        + "UNION SELECT m.user_id FROM admin_group_members m JOIN admin_groups g ON g.id = m.group_id "
                        + "JOIN admin_group_roles gr ON gr.group_id = g.id JOIN roles r ON r.id = gr.role_id "
                        + "WHERE g.org_id = ? AND g.applies_to IN ('all', 'manager') AND r.api_access = 'WRITE')")
                .param(orgId).param(orgId).query(Long.class).single();
    }

    public void insertTicket(String digest, UUID userId, UUID orgId, String purpose, Instant expiresAt) {
        OffsetDateTime now = io.secplane.db.Sql.now();
        // a new link replaces the user's earlier ones of its kind (a second-factor link leaves a password link alone)
        jdbc.sql("UPDATE user_tickets SET used_at = ? WHERE user_id = ? AND used_at IS NULL AND "
                        + (purpose.equals("MFA") ? "purpose = 'MFA'" : "purpose <> 'MFA'"))
                .param(now).param(userId).update();
        jdbc.sql("INSERT INTO user_tickets (digest, user_id, org_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .param(digest).param(userId).param(orgId).param(purpose).param(now)
                .param(OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)).update();
    }

    public Optional<Ticket> ticket(String digest) {
        return jdbc.sql("SELECT user_id, org_id, purpose, expires_at, used_at FROM user_tickets WHERE digest = ?")
                .param(digest)
                .query((rs, n) -> {
                    OffsetDateTime used = rs.getObject(5, OffsetDateTime.class);
                    return new Ticket(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), used == null ? null : used.toInstant());
                }).optional();
    }

    /** Whether a user was invited and has not accepted yet (an invitation link not used). */
    public boolean invitationOpen(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_tickets WHERE user_id = ? AND purpose = 'INVITE' AND used_at IS NULL")
                .param(userId).query(Long.class).single() > 0;
    }

    /** Uses a link up; false when another request used it first. */
    public boolean useTicket(String digest) {
        return jdbc.sql("UPDATE user_tickets SET used_at = ? WHERE digest = ? AND used_at IS NULL")
                .param(io.secplane.db.Sql.now()).param(digest).update() == 1;
    }

    static User map(ResultSet rs, int n) throws SQLException {
        OffsetDateTime last = rs.getObject(8, OffsetDateTime.class);
        return new User(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                last == null ? null : last.toInstant(), rs.getBoolean(9), rs.getBoolean(10));
    }
}
