package io.secplane.secureendpoint.fleet;

import java.time.ZoneOffset;

import io.secplane.generated.se.model.PolicyOperatingSystem;
import io.secplane.secureendpoint.V3Requests;

/** The v3 shapes of groups and computers, as the contract names them. */
final class FleetViews {

    private FleetViews() {
    }

    static io.secplane.generated.se.model.PolicyRef policyRef(FleetRepository.PolicyRef p) {
        return new io.secplane.generated.se.model.PolicyRef(p.guid(), p.name(), PolicyOperatingSystem.fromValue(p.operatingSystem()));
    }

    static io.secplane.generated.se.model.Group group(FleetRepository.Group g) {
        var out = new io.secplane.generated.se.model.Group(g.guid(), g.name(), g.description(),
                g.policies().stream().map(FleetViews::policyRef).toList(), g.computers(),
                g.createdAt().withOffsetSameInstant(ZoneOffset.UTC), g.updatedAt().withOffsetSameInstant(ZoneOffset.UTC));
        out.setParentGroupGuid(g.parent());
        return out;
    }

    static io.secplane.generated.se.model.ListGroups200Response groupPage(V3Requests.Page page,
            V3Requests.Found<FleetRepository.Group> groups) {
        return new io.secplane.generated.se.model.ListGroups200Response(V3Requests.VERSION, V3Requests.meta(page, groups.total()),
                groups.items().stream().map(FleetViews::group).toList());
    }

    static io.secplane.generated.se.model.Computer computer(FleetRepository.Computer c) {
        var out = new io.secplane.generated.se.model.Computer(c.connectorGuid(), c.hostname(),
                PolicyOperatingSystem.fromValue(c.operatingSystem()), c.osVersion(), c.connectorVersion(), c.groupGuid(),
                policyRef(c.policy()), c.internalIps(), c.lastSeen().withOffsetSameInstant(ZoneOffset.UTC),
                c.createdAt().withOffsetSameInstant(ZoneOffset.UTC));
        out.setExternalIp(c.externalIp());
        return out;
    }

    static io.secplane.generated.se.model.ComputerPage computerPage(V3Requests.Page page,
            V3Requests.Found<FleetRepository.Computer> computers) {
        return new io.secplane.generated.se.model.ComputerPage(V3Requests.VERSION, V3Requests.meta(page, computers.total()),
                computers.items().stream().map(FleetViews::computer).toList());
    }
}
