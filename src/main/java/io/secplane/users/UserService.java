package io.secplane.users;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.admingroups.AdminGroup;
import io.secplane.admingroups.AdminGroupRepository;
import io.secplane.audit.AuditLog;
import io.secplane.roles.Role;
import io.secplane.roles.RoleRepository;
import io.secplane.web.ApiException;
import io.secplane.web.Cursors;
import io.secplane.web.Fields;

/** Reading and renaming users; their lifecycle is {@link UserLifecycle}'s. The authorizer has let the caller in. */
@Service
public class UserService {

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 500;
    private static final String SORT = "users:email";

    /** A user with the roles it holds directly in its org. */
    public record Shown(User user, List<Role.Ref> roles) {
    }

    public record Page(List<Shown> users, String cursor) {
    }

    private final UserRepository users;
    private final RoleRepository roles;
    private final AdminGroupRepository groups;
    private final Cursors cursors;
    private final AuditLog audit;

    public UserService(UserRepository users, RoleRepository roles, AdminGroupRepository groups, Cursors cursors,
                       AuditLog audit) {
        this.users = users;
        this.roles = roles;
        this.groups = groups;
        this.cursors = cursors;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Page list(UUID orgId, UUID groupId, String status, Integer max, String cursor) {
        int limit = Cursors.limit(max, DEFAULT_PAGE, MAX_PAGE);
        if (groupId != null && groups.find(orgId, groupId).isEmpty()) {
            throw ApiException.notFound("Admin group " + groupId + " not found in organization " + orgId + ".");
        }
        Cursors.After after = cursors.after(cursor, SORT);
        Cursors.Page<User> page = cursors.page(users.page(new UserRepository.PageQuery(orgId, groupId, status,
                after.value(), after.id(), limit + 1)), limit, SORT, u -> UserRepository.emailKey(u.email()), User::id);
        return new Page(shown(orgId, page.items()), page.cursor());
    }

    private List<Shown> shown(UUID orgId, List<User> rows) {
        Map<UUID, List<Role.Ref>> held = roles.ofUsers(orgId, rows.stream().map(User::id).toList());
        return rows.stream().map(u -> new Shown(u, held.getOrDefault(u.id(), List.of()))).toList();
    }

    /** One statement: no transaction needed. */
    public Shown get(UUID orgId, UUID userId) {
        return users.findShown(orgId, userId).orElseThrow(() -> notFound(orgId, userId));
    }

    User find(UUID orgId, UUID userId) {
        return users.find(orgId, userId).orElseThrow(() -> notFound(orgId, userId));
    }

    private static ApiException notFound(UUID orgId, UUID userId) {
        return ApiException.notFound("User " + userId + " not found in organization " + orgId + ".");
    }

    /** Changes the names sent; the others stay. */
    @Transactional
    public Shown modify(UUID orgId, UUID userId, String firstName, String lastName) {
        User u = find(orgId, userId);
        if (u.status().equals(User.SHARED)) {
            throw new ApiException(io.secplane.web.ErrorCode.CONFLICT, "User " + userId + " belongs to another "
                    + "organization and is shared into this one: its names are changed in its own organization.");
        }
        Fields f = new Fields();
        String first = firstName == null ? u.firstName() : f.text("firstName", firstName, true, 255);
        String last = lastName == null ? u.lastName() : f.text("lastName", lastName, true, 255);
        f.check();
        users.rename(userId, first, last);
        audit.changed(orgId, "users/" + userId);
        return get(orgId, userId);
    }

    @Transactional(readOnly = true)
    public List<AdminGroup> groupsOf(UUID orgId, UUID userId) {
        find(orgId, userId);
        return groups.ofUser(orgId, userId);
    }
}
