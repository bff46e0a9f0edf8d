package io.secplane.secureendpoint.configuration;

import java.io.StringWriter;
import java.util.List;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.audit.AuditLog;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;
import io.secplane.secureendpoint.configuration.ExclusionSetRepository.ExclusionSet;
import io.secplane.secureendpoint.configuration.ExclusionSetService.Page;
import io.secplane.secureendpoint.configuration.PolicyRepository.Policy;
import io.secplane.web.ApiException;

/**
 * Policies of the caller's Secure Endpoint organization: read, filtered, given exclusion sets of
 * their operating system and relieved of them, and written out as the XML a connector receives.
 * A policy's changes are made one at a time (its row is locked), and so are its sets'.
 */
@Service
public class PolicyService {

    /** A kind of policy and the operating systems it is for. */
    public record PolicyType(String name, String description, List<String> operatingSystems) {
    }

    /** The kinds of policy, as the policies every organization starts with use them. */
    public static final List<PolicyType> TYPES = List.of(
            new PolicyType("workstation", "Computers people work at, and mobile devices",
                    List.of("windows", "mac", "linux", "android", "ios")),
            new PolicyType("server", "Servers", List.of("windows", "linux")),
            new PolicyType("domain_controller", "Windows domain controllers", List.of("windows")));

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private final PolicyRepository policies;
    private final ExclusionSetRepository sets;
    private final ExclusionSetService setService;
    private final AuditLog audit;

    public PolicyService(PolicyRepository policies, ExclusionSetRepository sets, ExclusionSetService setService, AuditLog audit) {
        this.policies = policies;
        this.sets = sets;
        this.setService = setService;
        this.audit = audit;
    }

    public Page<Policy> list(Products.SeOrganization org, PolicyRepository.Filter filter, V3Requests.Page page) {
        return new Page<>(policies.count(org.identifier(), filter),
                policies.page(org.identifier(), filter, page.start(), page.size()));
    }

    public Policy get(Products.SeOrganization org, String guid) {
        return policies.find(org.identifier(), V3Requests.guid(guid, "Policy"))
                .orElseThrow(() -> ApiException.notFound("Policy " + guid + " not found."));
    }

    public Page<ExclusionSet> exclusionSets(Products.SeOrganization org, String policyGuid, V3Requests.Page page) {
        Policy p = get(org, policyGuid);
        return new Page<>(sets.countAttached(p.guid()), sets.attached(p.guid(), page.start(), page.size()));
    }

    /** Gives a policy an exclusion set of its operating system. */
    @Transactional
    public ExclusionSet attach(Products.SeOrganization org, String policyGuid, String setGuid) {
        Policy p = locked(org, policyGuid);
        UUID id;
        try {
            id = V3Requests.guid(setGuid, "Exclusion set");
        } catch (ApiException e) {
            throw noSuchSet(setGuid);
        }
        if (!sets.lock(org.identifier(), id)) {
            throw noSuchSet(setGuid);
        }
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
     * it carries (by name) with its exclusions in the order added, each with its type and value.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public String xml(Products.SeOrganization org, String policyGuid) {
        Policy p = get(org, policyGuid);
        List<ExclusionSet> carried = sets.attached(p.guid(), 0, Integer.MAX_VALUE);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XML.createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("policy");
            x.writeDefaultNamespace("urn:secplane:secure-endpoint:policy");
            x.writeAttribute("guid", p.guid().toString());
            x.writeAttribute("name", p.name());
            x.writeAttribute("operatingSystem", p.operatingSystem());
            x.writeAttribute("policyType", p.policyType());
            x.writeAttribute("serialNumber", Long.toString(p.serialNumber()));
            x.writeAttribute("updatedAt", p.updatedAt().toInstant().toString());
            x.writeStartElement("exclusionSets");
            java.util.Map<UUID, List<ExclusionSetRepository.PolicyItem>> bySet = new java.util.HashMap<>();
            for (ExclusionSet s : carried) {
                bySet.put(s.guid(), new java.util.ArrayList<>());
            }
            sets.eachItemOf(p.guid(), e -> {
                List<ExclusionSetRepository.PolicyItem> of = bySet.get(e.setGuid());
                if (of != null) { // a set attached since the list was read waits for the next read
                    of.add(e);
                }
            });
            for (ExclusionSet s : carried) {
                x.writeStartElement("exclusionSet");
                x.writeAttribute("guid", s.guid().toString());
                x.writeAttribute("name", s.name());
                for (ExclusionSetRepository.PolicyItem e : bySet.get(s.guid())) {
                    x.writeStartElement("exclusion");
                    x.writeAttribute("guid", e.guid().toString());
                    x.writeAttribute("type", e.exclusionType());
                    if (e.anyDrive() != null) {
                        x.writeAttribute("anyDrive", e.anyDrive().toString());
                    }
                    if (e.sha() != null) {
                        x.writeAttribute("sha", e.sha());
                    }
                    x.writeCharacters(e.value());
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the policy XML could not be written", e);
        }
        return out.toString();
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
