package io.secplane.secureendpoint.configuration;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.se.api.ExclusionSetsApi;
import io.secplane.generated.se.model.CiscoMaintainedExclusionSet;
import io.secplane.generated.se.model.CreateExclusionSetRequest;
import io.secplane.generated.se.model.ExclusionEnvelope;
import io.secplane.generated.se.model.ExclusionInput;
import io.secplane.generated.se.model.ExclusionOperatingSystem;
import io.secplane.generated.se.model.ExclusionSetEnvelope;
import io.secplane.generated.se.model.ExclusionSetPage;
import io.secplane.generated.se.model.ExclusionSetPropertiesEnvelope;
import io.secplane.generated.se.model.ListCiscoMaintainedExclusionSets200Response;
import io.secplane.generated.se.model.ListExclusions200Response;
import io.secplane.generated.se.model.UpdateExclusionSetPropertiesRequest;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;
import tools.jackson.databind.json.JsonMapper;

/** Secure Endpoint v3: exclusion sets, their properties and exclusions, and Cisco's catalogue. */
@RestController
public class ExclusionSetController implements ExclusionSetsApi {

    private final ExclusionSetService sets;
    private final V3Requests v3;
    private final JsonMapper json;

    public ExclusionSetController(ExclusionSetService sets, V3Requests v3, JsonMapper json) {
        this.sets = sets;
        this.v3 = v3;
        this.json = json;
    }

    @Override
    public ResponseEntity<ExclusionSetPage> listExclusionSets(String organizationIdentifier, Integer start, Integer size,
                                                              String operatingSystem, String name) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page();
        return ResponseEntity.ok(V3Views.setPage(page, sets.list(org,
                v3.oneOf("operatingSystem", ExclusionRules.OPERATING_SYSTEMS), v3.text("name", 255), page)));
    }

    @Override
    public ResponseEntity<ExclusionSetEnvelope> createExclusionSet(String organizationIdentifier, CreateExclusionSetRequest body) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        return ResponseEntity.status(HttpStatus.CREATED).body(new ExclusionSetEnvelope(V3Requests.VERSION, V3Views.set(
                sets.create(org, body.getOperatingSystem().getValue(), body.getName(), body.getDescription()))));
    }

    @Override
    public ResponseEntity<ExclusionSetEnvelope> getExclusionSet(String organizationIdentifier, String exclusionSetGuid) {
        return ResponseEntity.ok(new ExclusionSetEnvelope(V3Requests.VERSION,
                V3Views.set(sets.get(v3.organization(organizationIdentifier), exclusionSetGuid))));
    }

    @Override
    public ResponseEntity<Void> deleteExclusionSet(String organizationIdentifier, String exclusionSetGuid) {
        sets.delete(v3.organization(organizationIdentifier), exclusionSetGuid);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<ExclusionSetPropertiesEnvelope> getExclusionSetProperties(String organizationIdentifier,
                                                                                    String exclusionSetGuid) {
        return ResponseEntity.ok(new ExclusionSetPropertiesEnvelope(V3Requests.VERSION,
                V3Views.properties(sets.get(v3.organization(organizationIdentifier), exclusionSetGuid))));
    }

    @Override
    public ResponseEntity<ExclusionSetPropertiesEnvelope> updateExclusionSetProperties(String organizationIdentifier,
            String exclusionSetGuid, UpdateExclusionSetPropertiesRequest body) {
        return ResponseEntity.ok(new ExclusionSetPropertiesEnvelope(V3Requests.VERSION, V3Views.properties(
                sets.updateProperties(v3.organization(organizationIdentifier), exclusionSetGuid, body.getName(),
                        body.getDescription()))));
    }

    @Override
    public ResponseEntity<ListExclusions200Response> listExclusions(String organizationIdentifier, String exclusionSetGuid,
                                                                    Integer start, Integer size) {
        V3Requests.Page page = v3.page();
        var found = sets.exclusions(v3.organization(organizationIdentifier), exclusionSetGuid, page);
        return ResponseEntity.ok(new ListExclusions200Response(V3Requests.VERSION, V3Requests.meta(page, found.total()),
                V3Views.exclusions(json, found.items())));
    }

    @Override
    public ResponseEntity<ExclusionEnvelope> createExclusion(String organizationIdentifier, String exclusionSetGuid,
                                                             ExclusionInput body) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        return ResponseEntity.status(HttpStatus.CREATED).body(new ExclusionEnvelope(V3Requests.VERSION,
                V3Views.exclusion(json, sets.addExclusion(org, exclusionSetGuid, json.valueToTree(body)))));
    }

    @Override
    public ResponseEntity<ExclusionEnvelope> getExclusion(String organizationIdentifier, String exclusionSetGuid,
                                                          String exclusionGuid) {
        return ResponseEntity.ok(new ExclusionEnvelope(V3Requests.VERSION, V3Views.exclusion(json,
                sets.exclusion(v3.organization(organizationIdentifier), exclusionSetGuid, exclusionGuid))));
    }

    @Override
    public ResponseEntity<Void> deleteExclusion(String organizationIdentifier, String exclusionSetGuid, String exclusionGuid) {
        sets.deleteExclusion(v3.organization(organizationIdentifier), exclusionSetGuid, exclusionGuid);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<ListCiscoMaintainedExclusionSets200Response> listCiscoMaintainedExclusionSets(Integer start,
            Integer size, String operatingSystem) {
        V3Requests.Page page = v3.page();
        String os = v3.oneOf("operatingSystem", ExclusionRules.OPERATING_SYSTEMS);
        List<CiscoMaintainedExclusionSet> all = CiscoMaintainedExclusionSets.ALL.stream()
                .filter(e -> os == null || e.operatingSystem().equals(os))
                .map(e -> new CiscoMaintainedExclusionSet(e.guid(), e.name(), ExclusionOperatingSystem.fromValue(e.operatingSystem()),
                        e.description(), e.exclusionsCount()))
                .toList();
        return ResponseEntity.ok(new ListCiscoMaintainedExclusionSets200Response(V3Requests.VERSION,
                V3Requests.meta(page, all.size()), V3Requests.slice(all, page)));
    }
}
