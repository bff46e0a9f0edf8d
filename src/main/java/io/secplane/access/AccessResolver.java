package io.secplane.access;

import java.time.Instant;
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
public class AccessResolver implements io.secplane.state.StateEpoch.Remembering {

    private final AccessRepository repository;
    /** One cache per kind of caller, by the caller's id. */
    private final java.util.EnumMap<Principal.Kind, Cache<String, Access>> caches = new java.util.EnumMap<>(Principal.Kind.class);

    public AccessResolver(AccessRepository repository, SecplaneProperties properties) {
        this.repository = repository;
        for (Principal.Kind kind : Principal.Kind.values()) {
            caches.put(kind, Caffeine.newBuilder().maximumSize(100_000).recordStats()
                    .expireAfterWrite(properties.tokens().keyStatusCacheTtl()).build());
        }
    }

    public Access resolve(Principal principal) {
        return caches.get(principal.kind()).get(principal.id(), k -> load(principal));
    }

    /** How many times a caller's access was read from the database (for tests and the operator's figures). */
    public long loads() {
        return caches.values().stream().mapToLong(c -> c.stats().loadCount()).sum();
    }

    /** Whether what a caller may do is remembered now (not to be read again at its next request). */
    public boolean remembers(Principal.Kind kind, String id) {
        return caches.get(kind).getIfPresent(id) != null;
    }

    /**
     * Forget what was decided for the callers a change in this org may affect: those whose grants
     * were read from it (its users, its keys and clients, users with roles or groups there, managers
     * above it) and the users shared into it; at the commit of the current transaction, and now.
     * Nobody else recomputes anything; an org added under a manager needs no call at all (the
     * database expands the manager's reach at each request).
     */
    public void changed(UUID orgId) {
        forget(() -> {
            java.util.Set<UUID> shared = java.util.Set.copyOf(repository.sharedUsers(orgId));
            return a -> a.involves(orgId) || a.actingUser() != null && shared.contains(a.actingUser());
        });
    }

    /** Forget what was decided for a user and every caller acting for it (its keys, its clients). */
    public void userChanged(UUID userId) {
        forget(() -> a -> userId.equals(a.actingUser()) || userId.equals(a.principal().userId()));
    }

    @Override
    public void forgetAll() {
        caches.values().forEach(Cache::invalidateAll);
    }

    /** Forget what was decided for one key or client. */
    public void callerChanged(Principal.Kind kind, String id) {
        forget(() -> {
            caches.get(kind).invalidate(id);
            return a -> false;
        });
    }

    private void forget(java.util.function.Supplier<java.util.function.Predicate<Access>> which) {
        Runnable now = () -> {
            java.util.function.Predicate<Access> affected = which.get();
            caches.values().forEach(c -> c.asMap().values().removeIf(affected));
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    now.run();
                }
            });
        }
        now.run();
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
            return Access.refused(p, userId, Set.of(), "The user no longer exists.");
        }
        if (!u.status().equals("ACTIVE")) {
            return Access.refused(p, userId, Set.of(u.orgId()), "The user is " + (u.status().equals("DISABLE") ? "suspended" : "not active yet") + ".");
        }
        Reach.Builder reach = new Reach.Builder().involves(u.orgId()).involves(p.orgId());
        for (AccessRepository.Grant g : repository.grants(userId)) {
            if (g.groupId() == null) {
                reach.direct(g.orgId(), g.level());
                if (g.orgId().equals(u.orgId()) && u.orgManages()) {
                    reach.managed(u.orgId(), g.level());
                }
                continue;
            }
            switch (g.appliesTo()) {
                case "all" -> {
                    reach.direct(g.orgId(), g.level());
                    if (g.orgManages()) {
                        reach.managed(g.orgId(), g.level());
                    }
                }
                case "manager" -> reach.direct(g.orgId(), g.level());
                case "selected_managed" -> reach.selected(g.groupId(), g.orgId(), g.level());
                default -> reach.involves(g.orgId());
            }
        }
        return new Access(p, userId, reach.build(), Set.of(), null, repository);
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
        if (k.createdBy() == null) {
            Reach.Builder reach = new Reach.Builder().direct(k.orgId(), k.cap());
            if (k.orgManages()) {
                reach.managed(k.orgId(), k.cap());
            }
            return new Access(p, null, reach.build(), Set.of(), null, repository);
        }
        Access maker = user(p, k.createdBy());
        if (maker.problem() != null) {
            return Access.refused(p, k.createdBy(), maker.reach().involved(), "The user who made this API key is suspended or removed; the key acts for that user.");
        }
        return new Access(p, k.createdBy(), maker.reach().capped(k.cap(), k.orgId()), Set.of(), null, repository);
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
            return Access.refused(p, c.userId(), user.reach().involved(), "The user who made this API client is suspended or has no API access any more; "
                    + "the client acts for that user.");
        }
        Reach reach = Reach.of(c.orgId(), level).capped(Level.WRITE, user.homeOrg());
        reach = new Reach(reach.direct(), reach.managed(), reach.selected(), union(reach.involved(), user.reach().involved()));
        return new Access(p, c.userId(), reach, XdrScopes.narrow(c.scopes(), level == Level.WRITE), null, repository);
    }

    private static Set<UUID> union(Set<UUID> a, Set<UUID> b) {
        Set<UUID> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
