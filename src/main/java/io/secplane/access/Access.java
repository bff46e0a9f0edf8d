package io.secplane.access;

import java.util.Set;
import java.util.UUID;

/**
 * What a caller may do now, and the user it acts for (itself, a key's maker, a client's user; none
 * for a key minted on the server's machine): where it reaches (its grants, expanded by the database
 * when asked), the XDR scopes an API client holds now (its own narrowed by its user's level), or,
 * when it may do nothing at all, why.
 */
public record Access(Principal principal, UUID actingUser, Reach reach, Set<String> xdrScopes, String problem,
                     AccessRepository database) {

    /** The request attribute that holds the current request's access, once authorized. */
    public static final String ATTRIBUTE = Access.class.getName();

    public static Access refused(Principal principal, String problem) {
        return refused(principal, null, Set.of(), problem);
    }

    /** Refused while acting for a user: a change to that user or to an org its grants came from is a reason to look again. */
    public static Access refused(Principal principal, UUID actingUser, Set<UUID> alsoInvolved, String problem) {
        Set<UUID> involved = new java.util.HashSet<>(alsoInvolved);
        if (principal.orgId() != null) {
            involved.add(principal.orgId());
        }
        return new Access(principal, actingUser, new Reach(java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
                Set.copyOf(involved)), Set.of(), problem, null);
    }

    /**
     * The caller's level in one org now: from its grants alone for an org they name, else with one
     * indexed lookup of that org's managers (and selected groups).
     */
    public Level level(UUID orgId) {
        if (problem != null || orgId == null) {
            return Level.NONE;
        }
        Level named = reach.direct().getOrDefault(orgId, Level.NONE);
        if (named == Level.WRITE || !reach.beyondNamed()) {
            return named;
        }
        return named.max(database.level(reach, orgId));
    }

    /** The orgs (an org id column of a statement) where the caller has at least {@code min}, as SQL, one condition per kind of grant. */
    public java.util.List<AccessRepository.Condition> where(String orgColumn, Level min) {
        return AccessRepository.reachable(orgColumn, problem == null ? reach : Reach.NOWHERE, min);
    }

    /** Whether a change in this org, or to this user, may change what the caller may do. */
    boolean involves(UUID orgId) {
        return reach.involved().contains(orgId);
    }

    public UUID homeOrg() {
        return principal.orgId();
    }
}
