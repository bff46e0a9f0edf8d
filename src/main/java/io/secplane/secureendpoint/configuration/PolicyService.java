package io.secplane.secureendpoint.configuration;

import java.util.List;
import java.util.UUID;


import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.audit.AuditLog;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;
import io.secplane.secureendpoint.configuration.ExclusionSetRepository.ExclusionSet;
import io.secplane.secureendpoint.configuration.PolicyRepository.Policy;
import io.secplane.web.ApiException;

/**
 * Policies of the caller's Secure Endpoint organization: read, filtered, given exclusion sets of
 * their operating system and relieved of them, and written out as the XML a connector receives.
 * A policy's changes are made one at a time (its row is locked), and so are its sets'.
 */
@Service
public class PolicyService implements io.secplane.state.StateEpoch.Remembering {

    /** A kind of policy and the operating systems it is for. */
    public record PolicyType(String name, String description, List<String> operatingSystems) {
    }

    /** The kinds of policy, as the policies every organization starts with use them. */
    public static final List<PolicyType> TYPES = List.of(
            new PolicyType("workstation", "Computers people work at, and mobile devices",
                    List.of("windows", "mac", "linux", "android", "ios")),
            new PolicyType("server", "Servers", List.of("windows", "linux")),
            new PolicyType("domain_controller", "Windows domain controllers", List.of("windows")));

    /** Policy XML by policy, serial number and time of change; about 64 MB at most. */
    @Override
    public void forgetAll() {
        xmlByVersion.invalidateAll();
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, String> xmlByVersion =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumWeight(32_000_000L)
                    .weigher((String k, String v) -> v.length()).build();
    private final PolicyRepository policies;
    private final ExclusionSetRepository sets;
    private final ExclusionSetService setService;
    private final AuditLog audit;
    private final List<PolicyXml.Part> parts;
    private final io.secplane.products.Products products;

    public PolicyService(PolicyRepository policies, ExclusionSetRepository sets, ExclusionSetService setService, AuditLog audit,
                         List<PolicyXml.Part> parts, io.secplane.products.Products products) {
        this.products = products;
        this.policies = policies;
        this.sets = sets;
        this.setService = setService;
        this.audit = audit;
        this.parts = parts;
    }

    public V3Requests.Found<Policy> list(Products.SeOrganization org, PolicyRepository.Filter filter, V3Requests.Page page) {
        return new V3Requests.Found<>(policies.count(org.identifier(), filter),
                policies.page(org.identifier(), filter, page.start(), page.size()));
    }

    public Policy get(Products.SeOrganization org, String guid) {
        return policies.find(org.identifier(), V3Requests.guid(guid, "Policy"))
                .orElseThrow(() -> ApiException.notFound("Policy " + guid + " not found."));
    }

    public V3Requests.Found<ExclusionSet> exclusionSets(Products.SeOrganization org, String policyGuid, V3Requests.Page page) {
        Policy p = get(org, policyGuid);
        return new V3Requests.Found<>(sets.countAttached(p.guid()), sets.attached(p.guid(), page.start(), page.size()));
    }

    /** Gives a policy an exclusion set of its operating system. */
    @Transactional
    public ExclusionSet attach(Products.SeOrganization org, String policyGuid, String setGuid) {
        products.lockForChange(org);
        get(org, policyGuid);
        UUID id = V3Requests.parseGuid(setGuid);
        // the set before the policy, as a change to a set's exclusions takes them (one order: no deadlock)
        if (id == null || !sets.lock(org.identifier(), id)) {
            throw noSuchSet(setGuid);
        }
        Policy p = locked(org, policyGuid);
        ExclusionSet set = setService.get(org, setGuid);
        if (!set.operatingSystem().equals(p.operatingSystem())) {
            throw ExclusionRules.refused("The exclusion set was not attached.", List.of(new ApiException.FieldProblem(
                    "exclusionSetGuid", "names a " + set.operatingSystem() + " exclusion set; this policy is for "
                            + p.operatingSystem())));
        }
        if (!policies.attach(p.guid(), set.guid())) {
            throw ApiException.conflict("Exclusion set " + set.guid() + " is attached to policy " + p.guid() + " already.");
        }
        policies.changed(p.guid());
        audit.changed(null, org.orgId(), target(org, p.guid()), "exclusion set '" + set.name() + "' attached to policy '"
                + p.name() + "'");
        return set;
    }

    @Transactional
    public void detach(Products.SeOrganization org, String policyGuid, String setGuid) {
        products.lockForChange(org);
        Policy p = locked(org, policyGuid);
        UUID id = V3Requests.guid(setGuid, "Exclusion set");
        if (!policies.detach(p.guid(), id)) {
            throw ApiException.notFound("Exclusion set " + setGuid + " is not attached to policy " + policyGuid + ".");
        }
        policies.changed(p.guid());
        audit.changed(null, org.orgId(), target(org, p.guid()), "exclusion set " + id + " detached from policy '" + p.name() + "'");
    }

    /**
     * The policy as a connector receives it: its identity and serial number, then each exclusion set
     * it carries (by name) with its exclusions in the order added, each with its type and value, then
     * the parts other features write (device control). One snapshot of the database, read as it is
     * written.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public String xml(Products.SeOrganization org, String policyGuid) {
        Policy p = get(org, policyGuid);
        // every change a connector would receive raises the serial number and moves updatedAt in its own
        // transaction, and this snapshot reads the policy and its exclusions together: an XML kept under
        // the three is never stale, on any server process (a restored snapshot has its own updatedAt)
        String key = p.guid() + "/" + p.serialNumber() + "/" + p.updatedAt().toInstant();
        return xmlByVersion.get(key, k -> write(p));
    }

    private String write(Policy p) {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<policy xmlns=\"urn:secplane:secure-endpoint:policy\"");
        PolicyXml.attribute(x, "guid", p.guid().toString());
        PolicyXml.attribute(x, "name", p.name());
        PolicyXml.attribute(x, "operatingSystem", p.operatingSystem());
        PolicyXml.attribute(x, "policyType", p.policyType());
        PolicyXml.attribute(x, "serialNumber", Long.toString(p.serialNumber()));
        PolicyXml.attribute(x, "updatedAt", p.updatedAt().toInstant().toString());
        x.append(">\n<exclusionSets>\n");
        UUID[] open = {null};
        sets.eachItemOf(p.guid(), e -> {
            if (!e.setGuid().equals(open[0])) {
                if (open[0] != null) {
                    x.append("</exclusionSet>\n");
                }
                x.append("<exclusionSet");
                PolicyXml.attribute(x, "guid", e.setGuid().toString());
                PolicyXml.attribute(x, "name", e.setName());
                x.append(">\n");
                open[0] = e.setGuid();
            }
            if (e.exclusionType() != null) {
                x.append("<exclusion");
                PolicyXml.attribute(x, "type", e.exclusionType());
                if (e.anyDrive() != null) {
                    PolicyXml.attribute(x, "anyDrive", e.anyDrive().toString());
                }
                if (e.sha() != null) {
                    PolicyXml.attribute(x, "sha", e.sha());
                }
                x.append('>');
                PolicyXml.escaped(x, e.value());
                x.append("</exclusion>\n");
            }
        });
        if (open[0] != null) {
            x.append("</exclusionSet>\n");
        }
        x.append("</exclusionSets>\n");
        for (PolicyXml.Part part : parts) {
            part.write(p, x);
        }
        return x.append("</policy>\n").toString();
    }

    private Policy locked(Products.SeOrganization org, String guid) {
        return policies.lock(org.identifier(), V3Requests.guid(guid, "Policy"))
                .orElseThrow(() -> ApiException.notFound("Policy " + guid + " not found."));
    }

    private static ApiException noSuchSet(String guid) {
        return ExclusionRules.refused("The exclusion set was not attached.", List.of(new ApiException.FieldProblem(
                "exclusionSetGuid", "names no exclusion set of this organization (" + guid + ")")));
    }

    private static String target(Products.SeOrganization org, UUID policy) {
        return "secure-endpoint/" + org.identifier() + "/policies/" + policy;
    }
}
