package io.secplane.access;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a caller may do now, and the user it acts for (itself, a key's maker, a client's user; none
 * for a key minted on the server's machine): a level in each organization it reaches, the XDR scopes an API client
 * holds now (its own narrowed by its user's level), or, when it may do nothing at all, why.
 */
public record Access(Principal principal, UUID actingUser, Map<UUID, Level> orgs, Set<String> xdrScopes, String problem) {

    /** The request attribute that holds the current request's access, once authorized. */
    public static final String ATTRIBUTE = Access.class.getName();

    public static Access refused(Principal principal, String problem) {
        return new Access(principal, null, Map.of(), Set.of(), problem);
    }

    public Level level(UUID orgId) {
        return orgs.getOrDefault(orgId, Level.NONE);
    }

    /** The organizations the caller may at least read. */
    public Set<UUID> readable() {
        return orgs.entrySet().stream().filter(e -> e.getValue().covers(Level.READ)).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public UUID homeOrg() {
        return principal.orgId();
    }
}
