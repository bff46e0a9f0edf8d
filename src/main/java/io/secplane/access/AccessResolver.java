package io.secplane.access;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.secplane.SecplaneProperties;
import io.secplane.xdr.XdrScopes;

/**
 * Decides what a caller may do from the current state of the database:
 * <ul>
 * <li>a user: its direct roles in each org it holds them in, its own org's roles covering the orgs
 * that org manages, plus the roles of its admin groups where their {@code appliesTo} reaches
 * ({@code all}: the group's org and every org it manages; {@code manager}: the group's org only;
 * {@code selected_managed}: the managed orgs listed in the group);</li>
 * <li>an API key: its maker's access, capped by the key's roles (a key minted on the server's machine
 * has no maker: its roles on its org and the orgs it manages);</li>
 * <li>an API client: its user's access in the client's org; its XDR scopes narrowed to reading when
 * that user only reads.</li>
 * </ul>
 * A suspended or removed user, a disabled or expired key, a disabled client may do nothing.
 * Remembered per caller for at most {@code secplane.tokens.key-status-cache-ttl} (one second by
 * default): another server process sees a change within it, this one at the commit of the change.
 */
@Component
public class AccessResolver {

    private final AccessRepository repository;
    /** One cache per kind of caller, by the caller's id. */
    private final java.util.EnumMap<Principal.Kind, Cache<String, Access>> caches = new java.util.EnumMap<>(Principal.Kind.class);

    public AccessResolver(AccessRepository repository, SecplaneProperties properties) {
        this.repository = repository;
        for (Principal.Kind kind : Principal.Kind.values()) {
            caches.put(kind, Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterWrite(properties.tokens().keyStatusCacheTtl()).build());
        }
    }

    public Access resolve(Principal principal) {
        return caches.get(principal.kind()).get(principal.id(), k -> load(principal));
    }

    /** Forget what was decided: at the commit of the current transaction, or now when there is none. */
    public void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    caches.values().forEach(Cache::invalidateAll);
                }
            });
        }
        caches.values().forEach(Cache::invalidateAll);
    }

    private Access load(Principal p) {
        return switch (p.kind()) {
            case USER -> user(p, p.userId());
            case API_KEY -> key(p);
            case API_CLIENT -> client(p);
            case OPERATOR -> Access.refused(p, "The operator token opens the operator's API only.");
        };
    }

    private Access user(Principal p, UUID userId) {
        AccessRepository.UserState u = repository.user(userId).orElse(null);
        if (u == null || u.status().equals("REMOVED")) {
            return Access.refused(p, "The user no longer exists.");
        }
        if (!u.status().equals("ACTIVE")) {
            return Access.refused(p, "The user is " + (u.status().equals("DISABLE") ? "suspended" : "not active yet") + ".");
        }
        Map<UUID, Level> orgs = new HashMap<>();
        List<UUID> managed = null;
        for (AccessRepository.Grant g : repository.grants(userId)) {
            if (g.level() == Level.NONE) {
                continue;
            }
            if (g.groupId() == null) {
                orgs.merge(g.orgId(), g.level(), Level::max);
                if (g.orgId().equals(u.orgId())) {
                    managed = managed == null ? repository.managedBy(u.orgId()) : managed;
                    for (UUID m : managed) {
                        orgs.merge(m, g.level(), Level::max);
                    }
                }
                continue;
            }
            switch (g.appliesTo()) {
                case "all" -> {
                    orgs.merge(g.orgId(), g.level(), Level::max);
                    for (UUID m : repository.managedBy(g.orgId())) {
                        orgs.merge(m, g.level(), Level::max);
                    }
                }
                case "manager" -> orgs.merge(g.orgId(), g.level(), Level::max);
                case "selected_managed" -> {
                    for (UUID m : repository.groupOrgs(g.groupId())) {
                        orgs.merge(m, g.level(), Level::max);
                    }
                }
                default -> { }
            }
        }
        return new Access(p, userId, Map.copyOf(orgs), Set.of(), null);
    }

    private Access key(Principal p) {
        AccessRepository.KeyState k = repository.key(UUID.fromString(p.id())).orElse(null);
        if (k == null) {
            return Access.refused(p, "The token's API key no longer exists.");
        }
        if (!k.status().equals("ENABLED")) {
            return Access.refused(p, "The token's API key is disabled.");
        }
        if (k.expiresAt() != null && k.expiresAt().isBefore(Instant.now())) {
            return Access.refused(p, "The token's API key expired at " + k.expiresAt() + ".");
        }
        Map<UUID, Level> orgs = new HashMap<>();
        if (k.createdBy() == null) {
            if (k.cap() != Level.NONE) {
                orgs.put(k.orgId(), k.cap());
                for (UUID m : repository.managedBy(k.orgId())) {
                    orgs.put(m, k.cap());
                }
            }
        } else {
            Access maker = user(p, k.createdBy());
            if (maker.problem() != null) {
                return Access.refused(p, "The user who made this API key is suspended or removed; the key acts for that user.");
            }
            maker.orgs().forEach((org, level) -> {
                Level capped = level.min(k.cap());
                if (capped != Level.NONE) {
                    orgs.put(org, capped);
                }
            });
        }
        return new Access(p, k.createdBy(), Map.copyOf(orgs), Set.of(), null);
    }

    private Access client(Principal p) {
        AccessRepository.ClientState c = repository.client(p.id()).orElse(null);
        if (c == null) {
            return Access.refused(p, "The API client no longer exists.");
        }
        if (!c.status().equals("ENABLED")) {
            return Access.refused(p, "The API client is disabled.");
        }
        if (!c.xdrActive()) {
            return Access.refused(p, "XDR is deactivated for this organization; its API clients act again once it is activated.");
        }
        Access user = user(p, c.userId());
        Level level = user.level(c.orgId());
        if (user.problem() != null || level == Level.NONE) {
            return Access.refused(p, "The user who made this API client is suspended or has no API access any more; "
                    + "the client acts for that user.");
        }
        return new Access(p, c.userId(), Map.of(c.orgId(), level), XdrScopes.narrow(c.scopes(), level == Level.WRITE), null);
    }
}
