package io.secplane.organizations;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.scc.api.OrganizationsApi;
import io.secplane.generated.scc.model.CreateOrganization;
import io.secplane.generated.scc.model.OrgType;
import io.secplane.generated.scc.model.OrganizationPage;
import io.secplane.generated.scc.model.OrganizationSummary;
import io.secplane.generated.scc.model.RegionCode;
import io.secplane.generated.scc.model.UpdateOrganization;

/** The organizations operations of the contract: translation only, the rules are in the service. */
@RestController
public class OrganizationController implements OrganizationsApi {

    private final OrganizationService service;

    public OrganizationController(OrganizationService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<OrganizationPage> listOrganizations(String name, OrgType type, RegionCode regionCode,
            UUID managerOrgId, Integer max, String cursor, String sortBy, String order) {
        OrganizationService.Page page = service.list(name, type == null ? null : type.getValue(),
                regionCode == null ? null : regionCode.getValue(), managerOrgId, max, cursor, sortBy, order);
        OrganizationPage body = new OrganizationPage(page.items().stream()
                .map(o -> new OrganizationSummary(o.id(), o.name(), OrgType.fromValue(o.type().name()))).toList());
        body.setCursor(page.nextCursor());
        return ResponseEntity.ok(body);
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.Organization> getOrganization(UUID orgId) {
        return ResponseEntity.ok(view(service.get(orgId)));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.Organization> createOrganization(CreateOrganization body) {
        Organization created = service.create(new OrganizationDtos.CreateRequest(body.getName(),
                body.getRegionCode() == null ? null : body.getRegionCode().getValue(),
                body.getType() == null ? null : body.getType().getValue()));
        return ResponseEntity.created(URI.create("/v1/organizations/" + created.id())).body(view(created));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.Organization> updateOrganization(UUID orgId,
            UpdateOrganization body) {
        return ResponseEntity.ok(view(service.update(orgId, new OrganizationDtos.UpdateRequest(body.getName()))));
    }

    static io.secplane.generated.scc.model.Organization view(Organization o) {
        return new io.secplane.generated.scc.model.Organization(o.id(), o.name(), RegionCode.fromValue(o.region().name()),
                o.region().description(), o.created().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC),
                OrgType.fromValue(o.type().name()), o.managedOrgIds(), o.managerOrgIds());
    }
}
