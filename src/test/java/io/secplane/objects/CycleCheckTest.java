package io.secplane.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The cycle check, by seeded random properties: on random graphs of groups, it finds a cycle
 * exactly when a brute-force search does, and the chain it names is a real path of membership
 * from the group back to itself.
 */
class CycleCheckTest {

    private static final long SEED = Long.getLong("secplane.property.seed", System.nanoTime());

    @Test
    void findsACycleExactlyWhenOneExistsAndNamesARealChain() {
        Random r = new Random(SEED);
        for (int round = 0; round < 3_000; round++) {
            int n = 2 + r.nextInt(12);
            List<UUID> nodes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nodes.add(new UUID(round, i));
            }
            Map<UUID, List<UUID>> graph = new HashMap<>();
            for (UUID a : nodes) {
                List<UUID> out = new ArrayList<>();
                for (UUID b : nodes) {
                    if (!a.equals(b) && r.nextInt(n) == 0) {
                        out.add(b);
                    }
                }
                graph.put(a, out);
            }
            UUID group = nodes.get(r.nextInt(n));
            List<UUID> members = new ArrayList<>();
            for (UUID b : nodes) {
                if (r.nextInt(n) == 0) {
                    members.add(b);
                }
            }
            // the graph as it would be after the change: the group's members replaced
            Map<UUID, List<UUID>> after = new HashMap<>(graph);
            after.put(group, members);
            List<UUID> chain = NetObjectService.cycle(group, members, id -> id.equals(group) ? members : graph.get(id));
            boolean exists = reach(after, group, group, new HashSet<>());
            assertThat(chain != null).as("seed %d round %d: %s, %s gets %s", SEED, round, graph, group, members).isEqualTo(exists);
            if (chain != null) {
                assertThat(chain.get(0)).isEqualTo(group);
                assertThat(chain.get(chain.size() - 1)).isEqualTo(group);
                for (int i = 0; i + 1 < chain.size(); i++) {
                    assertThat(after.get(chain.get(i))).as("seed %d: %s -> %s", SEED, chain.get(i), chain.get(i + 1))
                            .contains(chain.get(i + 1));
                }
            }
        }
    }

    /** Whether {@code target} is reached from {@code at}, by depth-first search. */
    private static boolean reach(Map<UUID, List<UUID>> g, UUID target, UUID at, Set<UUID> seen) {
        for (UUID next : g.getOrDefault(at, List.of())) {
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next) && reach(g, target, next, seen)) {
                return true;
            }
        }
        return false;
    }
}
