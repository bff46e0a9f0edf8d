package io.secplane.tenancy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.secplane.SecplaneProperties;

/**
 * The orgs a caller org may see: itself and the orgs it manages. Cached briefly (other server
 * processes see a change within the cache's lifetime; this one at once, through {@link #changed}).
 */
@Component
public class OrgVisibility {

    private final JdbcClient jdbc;
    private final LoadingCache<UUID, Set<UUID>> cache;

    public OrgVisibility(JdbcClient jdbc, SecplaneProperties properties) {
        this.jdbc = jdbc;
        Duration ttl = properties.tokens().keyStatusCacheTtl();
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(ttl).build(this::load);
    }

    public Set<UUID> visibleTo(UUID callerOrg) {
        return cache.get(callerOrg);
    }

    public void changed() {
        cache.invalidateAll();
    }

    private Set<UUID> load(UUID callerOrg) {
        Set<UUID> visible = new HashSet<>();
        Boolean exists = jdbc.sql("SELECT COUNT(*) FROM organizations WHERE id = ?").param(callerOrg)
                .query(Long.class).single() > 0;
        if (exists) {
            visible.add(callerOrg);
            visible.addAll(jdbc.sql("SELECT managed_id FROM org_managers WHERE manager_id = ?")
                    .param(callerOrg).query(UUID.class).list());
        }
        return Set.copyOf(visible);
    }
}
