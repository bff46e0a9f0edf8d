package io.secplane.secureendpoint.configuration;

import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.audit.AuditLog;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;
import io.secplane.secureendpoint.configuration.ExclusionSetRepository.Exclusion;
import io.secplane.secureendpoint.configuration.ExclusionSetRepository.ExclusionSet;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exclusion sets and their exclusions, in the caller's Secure Endpoint organization. Every change is
 * one transaction with its audit record; a change to a set's exclusions or name is a change to
 * every policy that carries it (their serial numbers rise). A set's changes are made one at a time
 * (its row is locked), so a set is never deleted while a policy is being given it.
 */
@Service
public class ExclusionSetService {

    private final ExclusionSetRepository sets;
    private final PolicyRepository policies;
    private final AuditLog audit;
    private final JsonMapper json;
    private final io.secplane.products.Products products;

    public ExclusionSetService(ExclusionSetRepository sets, PolicyRepository policies, AuditLog audit, JsonMapper json,
                               io.secplane.products.Products products) {
        this.products = products;
        this.sets = sets;
        this.policies = policies;
        this.audit = audit;
        this.json = json;
    }

    public V3Requests.Found<ExclusionSet> list(Products.SeOrganization org, String operatingSystem, String nameContains,
                                   V3Requests.Page page) {
        return new V3Requests.Found<>(sets.count(org.identifier(), operatingSystem, nameContains),
                sets.page(org.identifier(), operatingSystem, nameContains, page.start(), page.size()));
    }

    public ExclusionSet get(Products.SeOrganization org, String guid) {
        return sets.find(org.identifier(), V3Requests.guid(guid, "Exclusion set"))
                .orElseThrow(() -> ApiException.notFound("Exclusion set " + guid + " not found."));
    }

    @Transactional
    public ExclusionSet create(Products.SeOrganization org, String operatingSystem, String name, String description) {
        products.lockForChange(org);
        String trimmed = V3Requests.name(name, "exclusion set");
        ExclusionSet set;
        try {
            set = sets.create(org.identifier(), trimmed, description, operatingSystem);
        } catch (DuplicateKeyException e) {
            throw V3Requests.nameTaken("exclusion set", "in this organization");
        }
        audit.changed(null, org.orgId(), target(org, set.guid()), "exclusion set '" + trimmed + "' (" + operatingSystem + ") created");
        return set;
    }

    @Transactional
    public ExclusionSet updateProperties(Products.SeOrganization org, String guid, String name, String description) {
        products.lockForChange(org);
        ExclusionSet set = locked(org, guid);
        String trimmed = name == null ? null : V3Requests.name(name, "exclusion set");
        try {
            sets.update(set.guid(), trimmed, description);
        } catch (DuplicateKeyException e) {
            throw V3Requests.nameTaken("exclusion set", "in this organization");
        }
        policies.setChanged(set.guid());
        audit.changed(null, org.orgId(), target(org, set.guid()), "exclusion set properties changed"
                + (trimmed == null || trimmed.equals(set.name()) ? "" : ": renamed from '" + set.name() + "' to '" + trimmed + "'"));
        return get(org, guid);
    }

    /** Deletes a set with its exclusions; refused (409, naming them) while a policy carries it. */
    @Transactional
    public void delete(Products.SeOrganization org, String guid) {
        products.lockForChange(org);
        ExclusionSet set = locked(org, guid);
        List<PolicyRepository.Policy> carrying = policies.carrying(set.guid());
        if (!carrying.isEmpty()) {
            throw ApiException.conflict("Exclusion set " + set.guid() + " is attached to "
                    + carrying.stream().map(p -> "policy '" + p.name() + "' (" + p.guid() + ")").toList()
                    + "; detach it from them first.");
        }
        sets.delete(set.guid());
        audit.changed(null, org.orgId(), target(org, set.guid()), "exclusion set '" + set.name() + "' deleted");
    }

    public V3Requests.Found<Exclusion> exclusions(Products.SeOrganization org, String setGuid, V3Requests.Page page) {
        ExclusionSet set = get(org, setGuid);
        return new V3Requests.Found<>(set.exclusionsCount(), sets.exclusions(set.guid(), page.start(), page.size()));
    }

    public Exclusion exclusion(Products.SeOrganization org, String setGuid, String guid) {
        ExclusionSet set = get(org, setGuid);
        return sets.findExclusion(set.guid(), V3Requests.guid(guid, "Exclusion"))
                .orElseThrow(() -> ApiException.notFound("Exclusion " + guid + " not found in exclusion set " + setGuid + "."));
    }

    @Transactional
    public Exclusion addExclusion(Products.SeOrganization org, String setGuid, JsonNode input) {
        products.lockForChange(org);
        ExclusionSet set = locked(org, setGuid);
        ObjectNode fields = ExclusionRules.fields(set.operatingSystem(), input);
        String type = input.path("exclusionType").asString();
        Exclusion e = sets.addExclusion(set.guid(), type, json.writeValueAsString(fields), ExclusionRules.value(type, fields),
                fields.has("anyDrive") ? fields.get("anyDrive").asBoolean() : null,
                fields.path("process").hasNonNull("sha") ? fields.path("process").path("sha").asString() : null);
        sets.touch(set.guid());
        policies.setChanged(set.guid());
        audit.changed(null, org.orgId(), target(org, set.guid()) + "/exclusions/" + e.guid(), type + " exclusion '"
                + ExclusionRules.value(type, fields) + "' added to '" + set.name() + "'");
        return e;
    }

    @Transactional
    public void deleteExclusion(Products.SeOrganization org, String setGuid, String guid) {
        products.lockForChange(org);
        ExclusionSet set = locked(org, setGuid);
        Exclusion e = sets.findExclusion(set.guid(), V3Requests.guid(guid, "Exclusion"))
                .orElseThrow(() -> ApiException.notFound("Exclusion " + guid + " not found in exclusion set " + setGuid + "."));
        sets.deleteExclusion(set.guid(), e.guid());
        sets.touch(set.guid());
        policies.setChanged(set.guid());
        audit.changed(null, org.orgId(), target(org, set.guid()) + "/exclusions/" + e.guid(), e.exclusionType()
                + " exclusion '" + ExclusionRules.value(e.exclusionType(), json.readTree(e.fields())) + "' deleted from '"
                + set.name() + "'");
    }

    /** What an exclusion excludes, as a connector's policy lists it (a path, an extension, a threat's name...). */
    public String valueOf(Exclusion e) {
        return ExclusionRules.value(e.exclusionType(), json.readTree(e.fields()));
    }

    /** The exclusion types an operating system's sets take. */
    public static java.util.List<String> typesOf(String operatingSystem) {
        return ExclusionRules.typesOf(operatingSystem);
    }

    /** The set, locked for this transaction. */
    ExclusionSet locked(Products.SeOrganization org, String guid) {
        UUID id = V3Requests.guid(guid, "Exclusion set");
        if (!sets.lock(org.identifier(), id)) {
            throw ApiException.notFound("Exclusion set " + guid + " not found.");
        }
        return get(org, guid);
    }

    static String target(Products.SeOrganization org, UUID set) {
        return "secure-endpoint/" + org.identifier() + "/exclusion_sets/" + set;
    }
}
