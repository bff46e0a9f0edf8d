package io.secplane.admingroups;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.scc.api.AdminGroupsApi;
import io.secplane.generated.scc.model.AdminGroup.AppliesToEnum;
import io.secplane.generated.scc.model.AdminGroup.TypeEnum;
import io.secplane.generated.scc.model.CreateAdminGroup;
import io.secplane.generated.scc.model.ListAdminGroups200Response;
import io.secplane.notbuilt.NotBuilt;

/** The admin-group operations of the contract; the ones not built yet answer 501. */
@RestController
public class AdminGroupController implements AdminGroupsApi {

    private final AdminGroupService service;
    private final NotBuilt notBuilt;

    public AdminGroupController(AdminGroupService service, NotBuilt notBuilt) {
        this.service = service;
        this.notBuilt = notBuilt;
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.AdminGroup> createAdminGroup(UUID orgId, CreateAdminGroup body) {
        AdminGroup g = service.create(orgId, new AdminGroupService.CreateRequest(body.getName(), body.getDescription(),
                body.getAppliesTo() == null ? null : body.getAppliesTo().getValue()));
        return ResponseEntity.created(URI.create("/v1/organizations/" + orgId + "/adminGroups/" + g.id())).body(view(g));
    }

    @Override
    public ResponseEntity<ListAdminGroups200Response> listAdminGroups(UUID orgId) {
        return ResponseEntity.ok(new ListAdminGroups200Response(
                service.list(orgId).stream().map(AdminGroupController::view).toList()));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.AdminGroup> getAdminGroup(UUID orgId, UUID groupId) {
        return ResponseEntity.ok(view(service.get(orgId, groupId)));
    }

    @Override
    public ResponseEntity<Object> modifyAdminGroup(UUID orgId, UUID groupId, Object body) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<Void> deleteAdminGroup(UUID orgId, UUID groupId) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<Object> changeAdminGroupMembers(UUID orgId, UUID groupId, Object body) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<Object> listAdminGroupManagedOrgs(UUID orgId, UUID groupId) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<Object> listAdminGroupRoles(UUID orgId, UUID groupId) {
        throw notBuilt.here();
    }

    @Override
    public ResponseEntity<Object> listAdminGroupUsers(UUID orgId, UUID groupId) {
        throw notBuilt.here();
    }

    private static io.secplane.generated.scc.model.AdminGroup view(AdminGroup g) {
        return new io.secplane.generated.scc.model.AdminGroup(g.id(), g.name(), g.orgId(),
                g.created().atOffset(ZoneOffset.UTC), TypeEnum.fromValue(g.type()), AppliesToEnum.fromValue(g.appliesTo().name()))
                .description(g.description());
    }
}
