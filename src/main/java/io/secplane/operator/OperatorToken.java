package io.secplane.operator;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform operator's credential: made on the first start, shown once in {@code bootstrap.json},
 * kept in the database only as a SHA-256 digest (shared by every server process).
 */
@Component
public class OperatorToken {

    private static final String NAME = "operator-token";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;
    private volatile byte[] digest;

    public OperatorToken(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean exists() {
        return jdbc.sql("SELECT COUNT(*) FROM server_secrets WHERE name = ?").param(NAME).query(Long.class).single() > 0;
    }

    /** Makes a new token (the old one stops) and returns it; only its digest is kept. */
    public String mint() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "op_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.sql("DELETE FROM server_secrets WHERE name = ?").param(NAME).update();
        jdbc.sql("INSERT INTO server_secrets (name, secret, created_at) VALUES (?, ?, ?)")
                .param(NAME).param(sha256(token)).param(io.secplane.db.Sql.now()).update();
        digest = null;
        return token;
    }

    /** Makes the token unless one exists (another server process may have made it first): null then. */
    public String mintIfAbsent() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "op_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        int made = jdbc.sql("INSERT INTO server_secrets (name, secret, created_at) SELECT ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM server_secrets WHERE name = ?)")
                .param(NAME).param(sha256(token)).param(io.secplane.db.Sql.now()).param(NAME).update();
        return made == 1 ? token : null;
    }

    /** Whether a presented token is the operator token (in constant time). */
    public boolean matches(String presented) {
        if (presented == null || presented.isBlank()) {
            return false;
        }
        byte[] known = digest;
        if (known == null) {
            known = jdbc.sql("SELECT secret FROM server_secrets WHERE name = ?").param(NAME).query(byte[].class)
                    .optional().orElse(null);
            if (known == null) {
                return false;
            }
            digest = known;
        }
        return MessageDigest.isEqual(known, sha256(presented.strip()));
    }

    private static byte[] sha256(String s) {
        return io.secplane.security.Digests.sha256(s);
    }
}
