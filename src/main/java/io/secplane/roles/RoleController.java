package io.secplane.roles;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.admingroups.AdminGroupController;
import io.secplane.generated.scc.api.RolesApi;
import io.secplane.generated.scc.model.AssignRole;
import io.secplane.generated.scc.model.ChangeResult;
import io.secplane.generated.scc.model.CreateRole;
import io.secplane.generated.scc.model.RoleList;
import io.secplane.generated.scc.model.RoleType;

/** The role operations of the contract. */
@RestController
public class RoleController implements RolesApi {

    private final RoleService service;

    public RoleController(RoleService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<RoleList> listRoles(UUID orgId, RoleType type) {
        return ResponseEntity.ok(new RoleList(service.list(orgId, type == null ? null : type.getValue()).stream()
                .map(RoleViews::view).toList()));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.Role> getRole(UUID orgId, UUID roleId) {
        return ResponseEntity.ok(RoleViews.view(service.get(orgId, roleId)));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.Role> createCustomRole(UUID orgId, CreateRole body) {
        Role r = service.createCustom(orgId, body.getDisplayName(), body.getDescription(),
                body.getApiAccess() == null ? null : body.getApiAccess().getValue());
        return ResponseEntity.created(URI.create("/v1/organizations/" + orgId + "/roles/" + r.id())).body(RoleViews.view(r));
    }

    @Override
    public ResponseEntity<ChangeResult> assignRole(UUID orgId, UUID roleId, AssignRole body) {
        return ResponseEntity.ok(AdminGroupController.result(service.assign(orgId, roleId,
                AdminGroupController.items(body.getUsers()), AdminGroupController.items(body.getGroups()))));
    }
}
