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

    /**
     * What a token request needs of a client, read in one statement (one snapshot): the client, the
     * user it acts for (null when that user is gone) and its org's name.
     */
    public record Credentials(ApiClient client, Actor actor, String orgName) {
    }

    private static final String COLUMNS = "id, org_id, region_code, name, description, scopes, secret_digest, status, "
            + "created_by, created_at, updated_at";
    /** {@link #COLUMNS} of the table aliased {@code c}. */
    private static final String CLIENT_COLUMNS = "c." + COLUMNS.replace(", ", ", c.");
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

    public Optional<Credentials> credentials(String id) {
        return jdbc.sql("SELECT " + CLIENT_COLUMNS + ", u.id, u.email, u.first_name, u.last_name, o.name FROM api_clients c "
                        + "LEFT JOIN users u ON u.org_id = c.org_id AND u.id = c.created_by "
                        + "LEFT JOIN organizations o ON o.id = c.org_id WHERE c.id = ?").param(id)
                .query((rs, n) -> {
                    UUID userId = rs.getObject(12, UUID.class);
                    Actor actor = userId == null ? null
                            : new Actor(userId, rs.getString(13), rs.getString(14), rs.getString(15));
                    String orgName = rs.getString(16);
                    return new Credentials(map(rs, n), actor, orgName == null ? "" : orgName);
                })
                .optional();
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

    private static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    /** A row whose first columns are {@link #COLUMNS}, in that order (read by index: H2 maps names per result set). */
    private static ApiClient map(ResultSet rs, int n) throws SQLException {
        return new ApiClient(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getString(5), XdrScopes.parse(rs.getString(6)),
                rs.getString(7), rs.getString(8), rs.getObject(9, UUID.class),
                rs.getObject(10, OffsetDateTime.class).toInstant(),
                rs.getObject(11, OffsetDateTime.class).toInstant());
    }
}
