package io.secplane.secureendpoint.fleet;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.audit.AuditLog;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;
import io.secplane.secureendpoint.configuration.PolicyService;
import io.secplane.secureendpoint.fleet.FleetRepository.Computer;
import io.secplane.secureendpoint.fleet.FleetRepository.Group;
import io.secplane.web.ApiException;

/**
 * Groups and computers of the caller's Secure Endpoint organization: read, filtered, and a computer
 * moved between groups (its policy follows its group), with its audit record.
 */
@Service
public class FleetService implements io.secplane.state.StateEpoch.Remembering {

    /** Positions of lists by organization, fleet version and filters (a few hundred bytes each). */
    @Override
    public void forgetAll() {
        positionsByVersion.invalidateAll();
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, FleetRepository.Positions> positionsByVersion =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).build();
    private final FleetRepository fleet;
    private final PolicyService policies;
    private final AuditLog audit;
    private final io.secplane.products.Products products;

    public FleetService(FleetRepository fleet, PolicyService policies, AuditLog audit, io.secplane.products.Products products) {
        this.products = products;
        this.fleet = fleet;
        this.policies = policies;
        this.audit = audit;
    }

    public V3Requests.Found<Group> groups(Products.SeOrganization org, String nameContains, V3Requests.Page page) {
        return new V3Requests.Found<>(fleet.countGroups(org.identifier(), nameContains, null),
                fleet.groups(org.identifier(), nameContains, null, page.start(), page.size()));
    }

    public Group group(Products.SeOrganization org, String guid) {
        return fleet.group(org.identifier(), V3Requests.guid(guid, "Group"))
                .orElseThrow(() -> ApiException.notFound("Group " + guid + " not found."));
    }

    /**
     * A page of computers. A list whose filters do not depend on the time has its positions kept for
     * the fleet's version (read in the same snapshot as the page): its count and its deep pages cost
     * what its first page does; a change to the fleet raises the version, and the next read keeps new ones.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public V3Requests.Found<Computer> computers(Products.SeOrganization org, FleetRepository.Filter filter, V3Requests.Page page) {
        if (filter.seenAfter() != null || filter.notSeenSince() != null) {
            return new V3Requests.Found<>(fleet.countComputers(org.identifier(), filter),
                    fleet.computers(org.identifier(), filter, page.start(), page.size(), null));
        }
        String key = org.identifier() + "/" + fleet.fleetVersion(org.identifier()) + "/" + filter;
        FleetRepository.Positions positions = positionsByVersion.get(key, k -> fleet.positions(org.identifier(), filter));
        return new V3Requests.Found<>(positions.total(), fleet.computers(org.identifier(), filter, page.start(), page.size(), positions));
    }

    public Computer computer(Products.SeOrganization org, String guid) {
        return fleet.computer(org.identifier(), V3Requests.guid(guid, "Computer"))
                .orElseThrow(() -> ApiException.notFound("Computer " + guid + " not found."));
    }

    /** The groups that use a policy (for its operating system). */
    public V3Requests.Found<Group> policyGroups(Products.SeOrganization org, String policyGuid, V3Requests.Page page) {
        UUID policy = policies.get(org, policyGuid).guid();
        return new V3Requests.Found<>(fleet.countGroups(org.identifier(), null, policy),
                fleet.groups(org.identifier(), null, policy, page.start(), page.size()));
    }

    /** The computers a policy applies to. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public V3Requests.Found<Computer> policyComputers(Products.SeOrganization org, String policyGuid, V3Requests.Page page) {
        UUID policy = policies.get(org, policyGuid).guid();
        FleetRepository.Filter f = new FleetRepository.Filter(null, null, null, null, null, null, null, policy);
        return computers(org, f, page);
    }

    /** Moves a computer to another group of its organization; the policy of that group applies to it from now. */
    @Transactional
    public Computer move(Products.SeOrganization org, String computerGuid, String groupGuid) {
        products.lockForChange(org);
        Computer c = computer(org, computerGuid);
        UUID group;
        try {
            group = V3Requests.guid(groupGuid, "Group");
        } catch (ApiException e) {
            throw noSuchGroup(groupGuid);
        }
        if (!fleet.lockGroup(org.identifier(), group)) {
            throw noSuchGroup(groupGuid);
        }
        fleet.move(org.identifier(), c.connectorGuid(), group);
        audit.changed(null, org.orgId(), "secure-endpoint/" + org.identifier() + "/computers/" + c.connectorGuid(),
                "computer '" + c.hostname() + "' moved from group " + c.groupGuid() + " to group " + group);
        return computer(org, computerGuid);
    }

    private static ApiException noSuchGroup(String guid) {
        return new ApiException(io.secplane.web.ErrorCode.UNPROCESSABLE, "The computer was not moved.",
                List.of(new ApiException.FieldProblem("groupGuid",
                "names no group of this organization (" + guid + ")")));
    }
}
