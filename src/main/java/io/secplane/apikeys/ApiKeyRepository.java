package io.secplane.apikeys;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for API keys, their token chains and their refresh tokens (kept as SHA-256 digests only). */
@Repository
public class ApiKeyRepository {

    public record Key(UUID id, UUID orgId, String name, String description, String status, Instant expiresAt,
                      UUID createdBy, Instant created, List<UUID> roles) {
    }

    public record RefreshToken(String digest, UUID familyId, UUID orgId, UUID apiKeyId, Instant expiresAt,
                               Instant usedAt, Instant familyRevokedAt) {
    }

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static OffsetDateTime at(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    public void insertKey(UUID id, UUID orgId, String name, String description, Instant expiresAt, UUID createdBy,
                          List<UUID> roles) {
        jdbc.sql("INSERT INTO api_keys (id, org_id, name, description, status, expires_at, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, 'ENABLED', ?, ?, ?)")
                .param(id).param(orgId).param(name).param(description).param(at(expiresAt)).param(createdBy)
                .param(at(Instant.now())).update();
        for (UUID role : roles) {
            jdbc.sql("INSERT INTO api_key_roles (api_key_id, role_id) VALUES (?, ?)").param(id).param(role).update();
        }
    }

    public Optional<Key> findKey(UUID orgId, UUID id) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE org_id = ? AND id = ?")
                .param(orgId).param(id).query(this::key).optional();
    }

    /** An org's keys, newest first. */
    public List<Key> list(UUID orgId) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE org_id = ? ORDER BY created_at DESC, id")
                .param(orgId).query(this::key).list();
    }

    private static final String KEY_COLUMNS = "id, org_id, name, description, status, expires_at, created_by, created_at";

    private Key key(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Key(id, rs.getObject("org_id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getString("status"), instant(rs.getObject("expires_at", OffsetDateTime.class)),
                rs.getObject("created_by", UUID.class), instant(rs.getObject("created_at", OffsetDateTime.class)),
                jdbc.sql("SELECT role_id FROM api_key_roles WHERE api_key_id = ?").param(id).query(UUID.class).list());
    }

    public void rename(UUID orgId, UUID id, String name, String description) {
        jdbc.sql("UPDATE api_keys SET name = ?, description = ? WHERE org_id = ? AND id = ?")
                .param(name).param(description).param(orgId).param(id).update();
    }

    /** Deletes a key with every token chain and refresh token issued for it. */
    public boolean delete(UUID orgId, UUID id) {
        jdbc.sql("DELETE FROM refresh_tokens WHERE api_key_id = ? AND org_id = ?").param(id).param(orgId).update();
        jdbc.sql("DELETE FROM token_families WHERE api_key_id = ? AND org_id = ?").param(id).param(orgId).update();
        if (jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE org_id = ? AND id = ?").param(orgId).param(id)
                .query(Long.class).single() == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM api_key_roles WHERE api_key_id = ?").param(id).update();
        return jdbc.sql("DELETE FROM api_keys WHERE org_id = ? AND id = ?").param(orgId).param(id).update() == 1;
    }

    public void setStatus(UUID orgId, UUID id, String status) {
        jdbc.sql("UPDATE api_keys SET status = ? WHERE org_id = ? AND id = ?").param(status).param(orgId).param(id).update();
    }

    public void insertFamily(UUID id, UUID orgId, UUID apiKeyId) {
        jdbc.sql("INSERT INTO token_families (id, org_id, api_key_id, created_at) VALUES (?, ?, ?, ?)")
                .param(id).param(orgId).param(apiKeyId).param(at(Instant.now())).update();
    }

    public void revokeFamily(UUID familyId, String reason) {
        jdbc.sql("UPDATE token_families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL")
                .param(at(Instant.now())).param(reason).param(familyId).update();
    }

    public void insertRefreshToken(String digest, UUID familyId, UUID orgId, UUID apiKeyId, Instant expiresAt) {
        jdbc.sql("INSERT INTO refresh_tokens (digest, family_id, org_id, api_key_id, issued_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .param(digest).param(familyId).param(orgId).param(apiKeyId).param(at(Instant.now()))
                .param(at(expiresAt)).update();
    }

    public Optional<RefreshToken> findRefreshToken(String digest) {
        return jdbc.sql("SELECT r.digest, r.family_id, r.org_id, r.api_key_id, r.expires_at, r.used_at, f.revoked_at "
                        + "FROM refresh_tokens r JOIN token_families f ON f.id = r.family_id WHERE r.digest = ?")
                .param(digest)
                .query((rs, n) -> new RefreshToken(rs.getString(1), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)),
                        instant(rs.getObject(7, OffsetDateTime.class))))
                .optional();
    }

    /** Marks a refresh token used; false when another request used it first. */
    public boolean markUsed(String digest) {
        return jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE digest = ? AND used_at IS NULL")
                .param(at(Instant.now())).param(digest).update() == 1;
    }
}
