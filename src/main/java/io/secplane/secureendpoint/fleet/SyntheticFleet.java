package io.secplane.secureendpoint.fleet;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.audit.AuditLog;
import io.secplane.products.Products;
import io.secplane.secureendpoint.fleet.FleetRepository.Computer;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * The platform operator's synthetic computers: what installing, running and uninstalling connectors
 * does to a Secure Endpoint organization's fleet, for tests that need one. Any organization, by its
 * identifier; each change in that organization's audit log.
 */
@Service
public class SyntheticFleet {

    /** A computer to add; nulls take the defaults (the Protect group, now, the current connector). */
    public record NewComputer(String hostname, String operatingSystem, String osVersion, String connectorVersion, UUID group,
                              List<String> internalIps, String externalIp, OffsetDateTime lastSeen) {
    }

    private final FleetRepository fleet;
    private final VulnerabilityRepository vulnerabilities;
    private final Products products;
    private final AuditLog audit;

    public SyntheticFleet(FleetRepository fleet, VulnerabilityRepository vulnerabilities, Products products, AuditLog audit) {
        this.fleet = fleet;
        this.vulnerabilities = vulnerabilities;
        this.products = products;
        this.audit = audit;
    }

    /** Gives a computer exactly these known vulnerabilities (what a connector's scan finds); the list it has now. */
    @Transactional
    public List<VulnerabilityRepository.Found> setVulnerabilities(String identifier, String connectorGuid,
                                                                 List<VulnerabilityRepository.Finding> findings) {
        Products.SeOrganization org = organization(identifier);
        UUID guid = guid(connectorGuid);
        if (!fleet.lockComputer(org.identifier(), guid)) {
            throw ApiException.notFound("Computer " + connectorGuid + " not found in Secure Endpoint organization " + identifier + ".");
        }
        java.util.Set<String> known = vulnerabilities.known(findings.stream().map(VulnerabilityRepository.Finding::cve).toList());
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<ApiException.FieldProblem> problems = new java.util.ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            String cve = findings.get(i).cve();
            if (!known.contains(cve)) {
                problems.add(new ApiException.FieldProblem("vulnerabilities[" + i + "].cve", cve + " is not in the catalogue"));
            } else if (!seen.add(cve)) {
                problems.add(new ApiException.FieldProblem("vulnerabilities[" + i + "].cve", cve + " is named twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The vulnerabilities were not set: "
                    + problems.stream().map(ApiException.FieldProblem::message).toList() + ".", problems);
        }
        vulnerabilities.replace(guid, findings, io.secplane.db.Sql.now());
        audit.changed(null, org.orgId(), target(org, guid), "vulnerabilities of the computer set by the platform operator: "
                + (findings.isEmpty() ? "none" : String.join(", ", findings.stream().map(VulnerabilityRepository.Finding::cve).toList())));
        return vulnerabilities.of(guid, 0, 100);
    }

    @Transactional
    public Computer add(String identifier, NewComputer c) {
        Products.SeOrganization org = organization(identifier);
        UUID group = c.group() != null ? existing(org, c.group())
                : fleet.groupNamed(org.identifier(), "Protect").orElseThrow(() -> new ApiException(ErrorCode.VALIDATION_FAILED,
                        "This organization has no Protect group: name the group with groupGuid."));
        OffsetDateTime now = io.secplane.db.Sql.now();
        UUID guid = UUID.randomUUID();
        fleet.addComputer(new Computer(guid, org.identifier(), group, c.hostname().strip(), c.operatingSystem(),
                c.osVersion() == null ? "" : c.osVersion(), c.connectorVersion() == null ? "8.4.2" : c.connectorVersion(),
                c.internalIps() == null ? List.of() : c.internalIps(), c.externalIp(),
                c.lastSeen() == null ? now : c.lastSeen(), now, null));
        audit.changed(null, org.orgId(), target(org, guid), "computer '" + c.hostname().strip() + "' added by the platform operator");
        return fleet.computer(org.identifier(), guid).orElseThrow();
    }

    @Transactional
    public Computer change(String identifier, String connectorGuid, UUID group, OffsetDateTime lastSeen, String connectorVersion) {
        Products.SeOrganization org = organization(identifier);
        UUID guid = guid(connectorGuid);
        if (!fleet.change(org.identifier(), guid, group == null ? null : existing(org, group), lastSeen, connectorVersion)) {
            throw ApiException.notFound("Computer " + connectorGuid + " not found in Secure Endpoint organization " + identifier + ".");
        }
        audit.changed(null, org.orgId(), target(org, guid), "computer changed by the platform operator");
        return fleet.computer(org.identifier(), guid).orElseThrow();
    }

    @Transactional
    public void remove(String identifier, String connectorGuid) {
        Products.SeOrganization org = organization(identifier);
        UUID guid = guid(connectorGuid);
        if (!fleet.remove(org.identifier(), guid)) {
            throw ApiException.notFound("Computer " + connectorGuid + " not found in Secure Endpoint organization " + identifier + ".");
        }
        audit.changed(null, org.orgId(), target(org, guid), "computer removed by the platform operator");
    }

    /** The organization, locked for this change (as every change inside an organization takes it first). */
    private Products.SeOrganization organization(String identifier) {
        Products.SeOrganization org = products.seOrganization(identifier)
                .orElseThrow(() -> ApiException.notFound("Secure Endpoint organization " + identifier + " not found."));
        products.lockForChange(org);
        return org;
    }

    private UUID existing(Products.SeOrganization org, UUID group) {
        if (!fleet.lockGroup(org.identifier(), group)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "groupGuid names no group of Secure Endpoint organization "
                    + org.identifier() + ".", List.of(new ApiException.FieldProblem("groupGuid", "names no group of this organization")));
        }
        return group;
    }

    private static UUID guid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Computer " + value + " not found.");
        }
    }

    private static String target(Products.SeOrganization org, UUID computer) {
        return "secure-endpoint/" + org.identifier() + "/computers/" + computer;
    }
}
