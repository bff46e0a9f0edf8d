package io.secplane.secureendpoint.configuration;

import java.time.ZoneOffset;
import java.util.List;

import io.secplane.generated.se.model.ExclusionOperatingSystem;
import io.secplane.generated.se.model.ExclusionSetPage;
import io.secplane.generated.se.model.ExclusionSetProperties;
import io.secplane.generated.se.model.Policy;
import io.secplane.generated.se.model.PolicyOperatingSystem;
import io.secplane.generated.se.model.PolicyOrbital;
import io.secplane.secureendpoint.V3Requests;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The v3 shapes of policies, exclusion sets and exclusions, as the contract names them. */
final class V3Views {

    private V3Views() {
    }

    static Policy policy(PolicyRepository.Policy p) {
        return new Policy(p.guid(), p.name(), p.description(), PolicyOperatingSystem.fromValue(p.operatingSystem()),
                p.policyType(), p.serialNumber(), new PolicyOrbital(p.orbital()), p.createdAt().withOffsetSameInstant(ZoneOffset.UTC),
                p.updatedAt().withOffsetSameInstant(ZoneOffset.UTC));
    }

    static io.secplane.generated.se.model.ExclusionSet set(ExclusionSetRepository.ExclusionSet s) {
        return new io.secplane.generated.se.model.ExclusionSet(s.guid(), s.name(),
                ExclusionOperatingSystem.fromValue(s.operatingSystem()), properties(s), s.exclusionsCount(),
                s.createdAt().withOffsetSameInstant(ZoneOffset.UTC), s.updatedAt().withOffsetSameInstant(ZoneOffset.UTC));
    }

    static ExclusionSetProperties properties(ExclusionSetRepository.ExclusionSet s) {
        ExclusionSetProperties p = new ExclusionSetProperties(s.name());
        p.setDescription(s.description());
        return p;
    }

    static ExclusionSetPage setPage(V3Requests.Page page, V3Requests.Found<ExclusionSetRepository.ExclusionSet> sets) {
        return new ExclusionSetPage(V3Requests.VERSION, V3Requests.meta(page, sets.total()), sets.items().stream().map(V3Views::set).toList());
    }

    /** An exclusion: its guid, type and time, and the fields of its type as they were kept. */
    static io.secplane.generated.se.model.Exclusion exclusion(JsonMapper json, ExclusionSetRepository.Exclusion e) {
        ObjectNode node = (ObjectNode) json.readTree(e.fields());
        node.put("guid", e.guid().toString());
        node.put("exclusionType", e.exclusionType());
        node.put("createdAt", e.createdAt().withOffsetSameInstant(ZoneOffset.UTC).toString());
        return json.treeToValue(node, io.secplane.generated.se.model.Exclusion.class);
    }

    static List<io.secplane.generated.se.model.Exclusion> exclusions(JsonMapper json, List<ExclusionSetRepository.Exclusion> all) {
        return all.stream().map(e -> exclusion(json, e)).toList();
    }
}
