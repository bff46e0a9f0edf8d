package io.secplane.admingroups;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.scc.api.AdminGroupsApi;
import io.secplane.generated.scc.model.AdminGroup.AppliesToEnum;
import io.secplane.generated.scc.model.AdminGroup.TypeEnum;
import io.secplane.generated.scc.model.AdminGroupList;
import io.secplane.generated.scc.model.ChangeAdminGroupMembers;
import io.secplane.generated.scc.model.ChangeResult;
import io.secplane.generated.scc.model.ChangeResultResultsInner;
import io.secplane.generated.scc.model.ChangeResultSummary;
import io.secplane.generated.scc.model.CreateAdminGroup;
import io.secplane.generated.scc.model.ListAdminGroupManagedOrgs200Response;
import io.secplane.generated.scc.model.MemberChange;
import io.secplane.generated.scc.model.ModifyAdminGroup;
import io.secplane.generated.scc.model.OrgType;
import io.secplane.generated.scc.model.OrganizationSummary;
import io.secplane.generated.scc.model.RoleList;
import io.secplane.generated.scc.model.UserPage;
import io.secplane.roles.RoleViews;
import io.secplane.users.UserController;
import io.secplane.users.UserService;

/** The admin-group operations of the contract. */
@RestController
public class AdminGroupController implements AdminGroupsApi {

    private final AdminGroupService service;
    private final UserService users;

    public AdminGroupController(AdminGroupService service, UserService users) {
        this.service = service;
        this.users = users;
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.AdminGroup> createAdminGroup(UUID orgId, CreateAdminGroup body) {
        AdminGroup g = service.create(orgId, new AdminGroupService.CreateRequest(body.getName(), body.getDescription(),
                body.getAppliesTo() == null ? null : body.getAppliesTo().getValue()));
        return ResponseEntity.created(URI.create("/v1/organizations/" + orgId + "/adminGroups/" + g.id())).body(view(g));
    }

    @Override
    public ResponseEntity<AdminGroupList> listAdminGroups(UUID orgId) {
        return ResponseEntity.ok(new AdminGroupList(service.list(orgId).stream().map(AdminGroupController::view).toList()));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.AdminGroup> getAdminGroup(UUID orgId, UUID groupId) {
        return ResponseEntity.ok(view(service.get(orgId, groupId)));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.AdminGroup> modifyAdminGroup(UUID orgId, UUID groupId,
                                                                                       ModifyAdminGroup body) {
        return ResponseEntity.ok(view(service.modify(orgId, groupId, body.getName(), body.getDescription(),
                body.getAppliesTo() == null ? null : body.getAppliesTo().getValue())));
    }

    @Override
    public ResponseEntity<Void> deleteAdminGroup(UUID orgId, UUID groupId) {
        service.delete(orgId, groupId);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<ChangeResult> changeAdminGroupMembers(UUID orgId, UUID groupId, ChangeAdminGroupMembers body) {
        return ResponseEntity.ok(result(service.change(orgId, groupId, items(body.getUsers()), items(body.getManagedOrg()),
                items(body.getRoles()))));
    }

    @Override
    public ResponseEntity<ListAdminGroupManagedOrgs200Response> listAdminGroupManagedOrgs(UUID orgId, UUID groupId) {
        return ResponseEntity.ok(new ListAdminGroupManagedOrgs200Response(service.reached(orgId, groupId).stream()
                .map(o -> new OrganizationSummary(o.id(), o.name(), OrgType.fromValue(o.type().name()))).toList()));
    }

    @Override
    public ResponseEntity<RoleList> listAdminGroupRoles(UUID orgId, UUID groupId) {
        return ResponseEntity.ok(new RoleList(service.rolesOf(orgId, groupId).stream().map(RoleViews::view).toList()));
    }

    @Override
    public ResponseEntity<UserPage> listAdminGroupUsers(UUID orgId, UUID groupId, Integer max, String cursor) {
        return ResponseEntity.ok(UserController.page(users.list(orgId, groupId, null, max, cursor)));
    }

    public static List<String[]> items(List<MemberChange> changes) {
        return changes == null ? List.of()
                : changes.stream().map(c -> new String[] {c.getOperation().getValue(), c.getId().strip()}).toList();
    }

    /** Per-item results and their counts, as role and group PATCHes answer. */
    public static ChangeResult result(List<AdminGroupService.Change> changes) {
        int ok = (int) changes.stream().filter(c -> c.error() == null).count();
        return new ChangeResult(new ChangeResultSummary(ok, changes.size() - ok), changes.stream().map(c -> {
            ChangeResultResultsInner r = new ChangeResultResultsInner(ChangeResultResultsInner.KindEnum.fromValue(c.kind()),
                    c.id(), c.operation(), c.error() == null ? ChangeResultResultsInner.StatusEnum.SUCCESS
                    : ChangeResultResultsInner.StatusEnum.FAILED);
            r.setErrorDescription(c.error());
            return r;
        }).toList());
    }

    public static io.secplane.generated.scc.model.AdminGroup view(AdminGroup g) {
        return new io.secplane.generated.scc.model.AdminGroup(g.id(), g.name(), g.orgId(),
                g.created().atOffset(ZoneOffset.UTC), TypeEnum.fromValue(g.type()), AppliesToEnum.fromValue(g.appliesTo().name()))
                .description(g.description());
    }
}
