package io.secplane.users;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the users of an org and their roles. */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, UUID orgId, String email, String firstName, String lastName, String status,
                       String passwordHash, List<UUID> roles) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO users (id, org_id, email, email_key, first_name, last_name, status, password_hash, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(id).param(orgId).param(email).param(email.toLowerCase(Locale.ROOT)).param(firstName)
                .param(lastName).param(status).param(passwordHash).param(now).param(now)
                .update();
        for (UUID role : roles) {
            jdbc.sql("INSERT INTO user_roles (org_id, user_id, role_id) VALUES (?, ?, ?)")
                    .param(orgId).param(id).param(role).update();
        }
    }
}
