package io.secplane.access;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where a caller reaches, as its grants say, never as a list of the orgs they reach: a handful of
 * entries whatever the number of organizations behind them. The database expands it, in the
 * statement that reads a page ({@link AccessRepository#reachable}) or for one org
 * ({@link AccessRepository#level}).
 *
 * @param direct   a level in named orgs: direct roles, {@code all} and {@code manager} groups' own org
 * @param managed  a level in every org the named org manages now (a role in one's own org, an
 *                 {@code all} group, a key minted on the server's machine)
 * @param selected a level in the managed orgs a {@code selected_managed} group lists (by group id),
 *                 among those the group's org manages now; with the group's org
 * @param involved every org the grants were read from (the caller's org, its user's org and each org
 *                 above): a change in one of them may change them
 */
public record Reach(Map<UUID, Level> direct, Map<UUID, Level> managed, Map<UUID, Selected> selected, Set<UUID> involved) {

    /** A selected_managed group: its org and the level it gives. */
    public record Selected(UUID groupOrg, Level level) {
    }

    public static final Reach NOWHERE = new Reach(Map.of(), Map.of(), Map.of(), Set.of());

    public static Reach of(UUID org, Level level) {
        return level == Level.NONE ? new Reach(Map.of(), Map.of(), Map.of(), Set.of(org))
                : new Reach(Map.of(org, level), Map.of(), Map.of(), Set.of(org));
    }

    /** Whether the caller may reach orgs beyond those named: a lookup is then needed for any other org. */
    public boolean beyondNamed() {
        return !managed.isEmpty() || !selected.isEmpty();
    }

    /** Each level at most {@code cap}; what falls to nothing is dropped. */
    public Reach capped(Level cap, UUID alsoInvolved) {
        Map<UUID, Level> d = new HashMap<>();
        direct.forEach((k, v) -> put(d, k, v.min(cap)));
        Map<UUID, Level> m = new HashMap<>();
        managed.forEach((k, v) -> put(m, k, v.min(cap)));
        Map<UUID, Selected> s = new HashMap<>();
        selected.forEach((k, v) -> {
            if (v.level().min(cap) != Level.NONE) {
                s.put(k, new Selected(v.groupOrg(), v.level().min(cap)));
            }
        });
        Set<UUID> i = new HashSet<>(involved);
        i.add(alsoInvolved);
        return new Reach(Map.copyOf(d), Map.copyOf(m), Map.copyOf(s), Set.copyOf(i));
    }

    private static void put(Map<UUID, Level> map, UUID k, Level v) {
        if (v != Level.NONE) {
            map.merge(k, v, Level::max);
        }
    }

    /** Builds a reach from grants as they are read. */
    static final class Builder {
        private final Map<UUID, Level> direct = new HashMap<>();
        private final Map<UUID, Level> managed = new HashMap<>();
        private final Map<UUID, Selected> selected = new HashMap<>();
        private final Set<UUID> involved = new HashSet<>();

        Builder involves(UUID org) {
            if (org != null) {
                involved.add(org);
            }
            return this;
        }

        Builder direct(UUID org, Level level) {
            involved.add(org);
            put(direct, org, level);
            return this;
        }

        Builder managed(UUID managerOrg, Level level) {
            involved.add(managerOrg);
            put(managed, managerOrg, level);
            return this;
        }

        Builder selected(UUID group, UUID groupOrg, Level level) {
            involved.add(groupOrg);
            if (level != Level.NONE) {
                selected.merge(group, new Selected(groupOrg, level),
                        (a, b) -> new Selected(a.groupOrg(), a.level().max(b.level())));
            }
            return this;
        }

        Reach build() {
            return new Reach(Map.copyOf(direct), Map.copyOf(managed), Map.copyOf(selected), Set.copyOf(involved));
        }
    }
}
