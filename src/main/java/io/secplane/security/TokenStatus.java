package io.secplane.security;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.secplane.SecplaneProperties;

/**
 * Whether the tokens of a chain may still be used: the chain not revoked, its API key enabled and
 * not expired. Remembered for a short time (other server processes see a change within it; this
 * process at once, through {@link #changed}).
 */
@Component
public class TokenStatus {

    private record State(String keyStatus, OffsetDateTime keyExpires, OffsetDateTime revokedAt, String reason) {
    }

    private static final State MISSING = new State(null, null, null, null);
    private final JdbcClient jdbc;
    private final LoadingCache<UUID, State> cache;

    public TokenStatus(JdbcClient jdbc, SecplaneProperties properties) {
        this.jdbc = jdbc;
        this.cache = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(properties.tokens().keyStatusCacheTtl()).build(this::load);
    }

    /** Null when the chain's tokens may be used, else the sentence that says why not. */
    public String problem(UUID familyId) {
        State s = cache.get(familyId);
        if (s == MISSING) {
            return "The token's API key no longer exists.";
        }
        if (s.revokedAt() != null) {
            return "The token has been revoked" + (s.reason() == null ? "." : ": " + s.reason());
        }
        if (!"ENABLED".equals(s.keyStatus())) {
            return "The token's API key is disabled.";
        }
        if (s.keyExpires() != null && s.keyExpires().toInstant().isBefore(java.time.Instant.now())) {
            return "The token's API key expired at " + s.keyExpires().toInstant() + ".";
        }
        return null;
    }

    public void changed() {
        cache.invalidateAll();
    }

    private State load(UUID familyId) {
        List<State> rows = jdbc.sql("SELECT k.status, k.expires_at, f.revoked_at, f.revoked_reason "
                        + "FROM token_families f JOIN api_keys k ON k.id = f.api_key_id WHERE f.id = ?")
                .param(familyId)
                .query((rs, n) -> new State(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class), rs.getString(4)))
                .list();
        return rows.isEmpty() ? MISSING : rows.get(0);
    }
}
