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
public class TokenStatus implements io.secplane.state.StateEpoch.Remembering {

    private record State(UUID orgId, UUID apiKeyId, String keyStatus, OffsetDateTime keyExpires,
                         OffsetDateTime revokedAt, String reason) {
    }

    private static final State MISSING = new State(null, null, null, null, null, null);
    private final JdbcClient jdbc;
    private final LoadingCache<UUID, State> cache;

    public TokenStatus(JdbcClient jdbc, SecplaneProperties properties) {
        this.jdbc = jdbc;
        this.cache = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(properties.tokens().keyStatusCacheTtl()).build(this::load);
    }

    /**
     * Null when the chain's tokens may be used by a token naming this org and key, else the sentence
     * that says why not. A chain belongs to one org and one key: a token that names a chain of
     * another org or key is refused, whatever its signature.
     */
    public String problem(UUID familyId, UUID orgId, UUID apiKeyId) {
        State s = cache.get(familyId);
        if (s == MISSING) {
            return "The token's API key no longer exists.";
        }
        if (!s.orgId().equals(orgId) || !s.apiKeyId().equals(apiKeyId)) {
            return "The token's chain does not belong to the organization and API key it names.";
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

    @Override
    public void forgetAll() {
        changed();
    }

    private State load(UUID familyId) {
        List<State> rows = jdbc.sql("SELECT k.org_id, k.id, k.status, k.expires_at, f.revoked_at, f.revoked_reason "
                        + "FROM token_families f JOIN api_keys k ON k.id = f.api_key_id AND k.org_id = f.org_id WHERE f.id = ?")
                .param(familyId)
                .query((rs, n) -> new State(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), rs.getString(6)))
                .list();
        return rows.isEmpty() ? MISSING : rows.get(0);
    }
}
