package io.secplane.users;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.admingroups.AdminGroupController;
import io.secplane.generated.scc.api.AccountApi;
import io.secplane.generated.scc.api.UsersApi;
import io.secplane.generated.scc.model.AdminGroupList;
import io.secplane.generated.scc.model.ManageUsers;
import io.secplane.generated.scc.model.ManageUsersResult;
import io.secplane.generated.scc.model.ManageUsersResultResultsInner;
import io.secplane.generated.scc.model.ModifyUser;
import io.secplane.generated.scc.model.SetPassword;
import io.secplane.generated.scc.model.UserOperation;
import io.secplane.generated.scc.model.UserPage;
import io.secplane.generated.scc.model.UserStatus;
import io.secplane.roles.RoleViews;
import io.secplane.web.ApiException;

/** The users of an org, and the one-time links mailed to them. */
@RestController
public class UserController implements UsersApi, AccountApi {

    private final UserService service;
    private final UserLifecycle lifecycle;

    public UserController(UserService service, UserLifecycle lifecycle) {
        this.service = service;
        this.lifecycle = lifecycle;
    }

    @Override
    public ResponseEntity<UserPage> listUsers(UUID orgId, UUID groupId, UserStatus status, Integer max, String cursor) {
        return ResponseEntity.ok(page(service.list(orgId, groupId, status == null ? null : status.getValue(), max, cursor)));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.User> getUser(UUID orgId, UUID userId) {
        return ResponseEntity.ok(view(service.get(orgId, userId)));
    }

    @Override
    public ResponseEntity<io.secplane.generated.scc.model.User> modifyUser(UUID orgId, UUID userId, ModifyUser body) {
        return ResponseEntity.ok(view(service.modify(orgId, userId, body.getFirstName(), body.getLastName())));
    }

    @Override
    public ResponseEntity<AdminGroupList> listUserGroups(UUID orgId, UUID userId) {
        return ResponseEntity.ok(new AdminGroupList(service.groupsOf(orgId, userId).stream()
                .map(AdminGroupController::view).toList()));
    }

    /** Both forms real clients send: {@code {"users":[...]}} and one item at the top level. */
    @Override
    public ResponseEntity<ManageUsersResult> manageUsers(UUID orgId, ManageUsers body) {
        List<UserLifecycle.Item> items = new ArrayList<>();
        boolean single = body.getEmail() != null || body.getOperation() != null;
        boolean bulk = body.getUsers() != null && !body.getUsers().isEmpty();
        if (bulk && single) {
            throw ApiException.badRequest("Send either 'users' (a list) or one user's 'email' and 'operation', not both.");
        }
        if (bulk) {
            for (UserOperation o : body.getUsers()) {
                items.add(new UserLifecycle.Item(o.getEmail(), o.getOperation().getValue(), o.getFirstName(),
                        o.getLastName(), o.getRoles()));
            }
        } else if (body.getEmail() != null && body.getOperation() != null) {
            items.add(new UserLifecycle.Item(body.getEmail(), body.getOperation().getValue(), body.getFirstName(),
                    body.getLastName(), body.getRoles()));
        } else {
            throw new ApiException(io.secplane.web.ErrorCode.VALIDATION_FAILED,
                    "Send 'users' (a list of {email, operation}) or one user's 'email' and 'operation'.",
                    List.of(new ApiException.FieldProblem(body.getEmail() == null ? "/email" : "/operation", "is required")));
        }
        List<ManageUsersResultResultsInner> results = lifecycle.apply(orgId, items).stream().map(r -> {
            ManageUsersResultResultsInner out = new ManageUsersResultResultsInner(r.email(), r.operation(),
                    r.success() ? ManageUsersResultResultsInner.StatusEnum.SUCCESS : ManageUsersResultResultsInner.StatusEnum.FAILED);
            out.setErrorDescription(r.errorDescription());
            out.setUserId(r.userId());
            return out;
        }).toList();
        return ResponseEntity.ok(new ManageUsersResult(results));
    }

    @Override
    public ResponseEntity<Void> setPassword(SetPassword body) {
        lifecycle.setPassword(body.getToken(), body.getPassword());
        return ResponseEntity.noContent().build();
    }

    public static UserPage page(UserService.Page p) {
        UserPage page = new UserPage(p.users().stream().map(UserController::view).toList());
        page.setCursor(p.cursor());
        return page;
    }

    static io.secplane.generated.scc.model.User view(UserService.Shown s) {
        User u = s.user();
        io.secplane.generated.scc.model.User v = new io.secplane.generated.scc.model.User(u.id(), u.email(),
                UserStatus.fromValue(u.status()), RoleViews.refsOf(s.roles()), u.created().atOffset(ZoneOffset.UTC),
                u.mfaEnrolled());
        v.setFirstName(u.firstName());
        v.setLastName(u.lastName());
        v.setLastLogin(u.lastLogin() == null ? null : u.lastLogin().atOffset(ZoneOffset.UTC));
        return v;
    }
}
