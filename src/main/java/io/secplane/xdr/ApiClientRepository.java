package io.secplane.xdr;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for API clients, and the user each acts for. */
@Repository
public class ApiClientRepository {

    /** The user a client acts for, as its tokens name them (what it may do is the access resolver's). */
    public record Actor(UUID userId, String email, String firstName, String lastName) {
    }

    private static final String COLUMNS = "id, org_id, region_code, name, description, scopes, secret_digest, status, "
            + "created_by, created_at, updated_at";
    private final JdbcClient jdbc;

    public ApiClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ApiClient c) {
        jdbc.sql("INSERT INTO api_clients (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(c.id()).param(c.orgId()).param(c.region()).param(c.name()).param(c.description())
                .param(String.join(" ", c.scopes())).param(c.secretDigest()).param(c.status()).param(c.createdBy())
                .param(at(c.created())).param(at(c.updated()))
                .update();
    }

    public Optional<ApiClient> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_clients WHERE id = ?").param(id)
                .query(ApiClientRepository::map).optional();
    }

    public Optional<ApiClient> find(UUID orgId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_clients WHERE org_id = ? AND id = ?").param(orgId).param(id)
                .query(ApiClientRepository::map).optional();
    }

    public List<ApiClient> list(UUID orgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_clients WHERE org_id = ? ORDER BY created_at, id").param(orgId)
                .query(ApiClientRepository::map).list();
    }

    public void update(UUID orgId, String id, String name, String description, String scopes, String status) {
        jdbc.sql("UPDATE api_clients SET name = ?, description = ?, scopes = ?, status = ?, updated_at = ? "
                        + "WHERE org_id = ? AND id = ?")
                .param(name).param(description).param(scopes).param(status).param(at(Instant.now()))
                .param(orgId).param(id).update();
    }

    public boolean delete(UUID orgId, String id) {
        return jdbc.sql("DELETE FROM api_clients WHERE org_id = ? AND id = ?").param(orgId).param(id).update() == 1;
    }

    public Optional<Actor> actor(UUID orgId, UUID userId) {
        return jdbc.sql("SELECT id, email, first_name, last_name FROM users WHERE org_id = ? AND id = ?")
                .param(orgId).param(userId)
                .query((rs, n) -> new Actor(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    private static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static ApiClient map(ResultSet rs, int n) throws SQLException {
        return new ApiClient(rs.getString("id"), rs.getObject("org_id", UUID.class), rs.getString("region_code"),
                rs.getString("name"), rs.getString("description"), XdrScopes.parse(rs.getString("scopes")),
                rs.getString("secret_digest"), rs.getString("status"), rs.getObject("created_by", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
