package io.secplane.roles;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.access.Level;
import io.secplane.access.OrgChanges;
import io.secplane.admingroups.AdminGroupRepository;
import io.secplane.admingroups.AdminGroupService.Change;
import io.secplane.audit.AuditLog;
import io.secplane.users.User;
import io.secplane.users.UserRepository;
import io.secplane.web.ApiException;
import io.secplane.web.Fields;

/** Roles: the ones an org can assign, its custom ones, and who holds them. The authorizer has let the caller in. */
@Service
public class RoleService {

    private final RoleRepository roles;
    private final UserRepository users;
    private final AdminGroupRepository groups;
    private final OrgChanges changes;
    private final AuditLog audit;

    public RoleService(RoleRepository roles, UserRepository users, AdminGroupRepository groups, OrgChanges changes,
                       AuditLog audit) {
        this.roles = roles;
        this.users = users;
        this.groups = groups;
        this.changes = changes;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<Role> list(UUID orgId, String type) {
        return roles.assignable(orgId, type);
    }

    @Transactional(readOnly = true)
    public Role get(UUID orgId, UUID roleId) {
        return find(orgId, roleId);
    }

    private Role find(UUID orgId, UUID roleId) {
        return roles.find(orgId, roleId)
                .orElseThrow(() -> ApiException.notFound("Role " + roleId + " not found in organization " + orgId + "."));
    }

    /** A CUSTOM role: no API access unless it is given read; never write (that is the administrator's). */
    @Transactional
    public Role createCustom(UUID orgId, String displayName, String description, String apiAccess) {
        Fields f = new Fields();
        String name = f.text("displayName", displayName, true, 255);
        String d = f.text("description", description, false, 1024);
        Level access = apiAccess == null ? Level.NONE : Level.of(apiAccess);
        f.check();
        if (roles.customNameTaken(orgId, name) || roles.assignable(orgId, null).stream()
                .anyMatch(r -> r.displayName().equalsIgnoreCase(name))) {
            throw ApiException.conflict("A role named '" + name + "' already exists in this organization.");
        }
        Role role = new Role(UUID.randomUUID(), orgId, name, d, "CUSTOM", List.of(), access);
        try {
            roles.insertCustom(role);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A role named '" + name + "' already exists in this organization.");
        }
        audit.changed(orgId, "roles/" + role.id());
        return find(orgId, role.id());
    }

    /** Assigns the role to, or removes it from, users (by id or email) and groups (by id), each on its own. */
    public List<Change> assign(UUID orgId, UUID roleId, List<String[]> userItems, List<String[]> groupItems) {
        Role role = get(orgId, roleId);
        List<Change> out = new ArrayList<>();
        for (String[] item : userItems) {
            String error = changes.item(orgId, () -> {
                User u = user(orgId, item[1]);
                if (u == null) {
                    return "No user '" + item[1] + "' in organization " + orgId + ".";
                }
                if (item[0].equals("add")) {
                    roles.grantUser(u.id(), orgId, role.id());
                } else {
                    roles.revokeUser(u.id(), orgId, role.id());
                }
                audit.changed(null, orgId, "roles/" + roleId, item[0] + " user " + u.id());
                return null;
            });
            out.add(new Change("user", item[1], item[0], error));
        }
        for (String[] item : groupItems) {
            String error = changes.item(orgId, () -> {
                UUID groupId;
                try {
                    groupId = UUID.fromString(item[1]);
                } catch (IllegalArgumentException e) {
                    return "'" + item[1] + "' is not an admin group id.";
                }
                if (groups.find(orgId, groupId).isEmpty()) {
                    return "No admin group " + groupId + " in organization " + orgId + ".";
                }
                if (item[0].equals("add")) {
                    roles.grantGroup(groupId, role.id());
                } else {
                    roles.revokeGroup(groupId, role.id());
                }
                audit.changed(null, orgId, "roles/" + roleId, item[0] + " group " + groupId);
                return null;
            });
            out.add(new Change("group", item[1], item[0], error));
        }
        return out;
    }

    private User user(UUID orgId, String idOrEmail) {
        try {
            return users.find(orgId, UUID.fromString(idOrEmail)).orElse(null);
        } catch (IllegalArgumentException e) {
            return users.findByEmail(orgId, idOrEmail).filter(u -> !u.status().equals(User.REMOVED)).orElse(null);
        }
    }
}
