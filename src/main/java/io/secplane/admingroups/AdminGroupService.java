package io.secplane.admingroups;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.secplane.audit.AuditLog;
import io.secplane.organizations.Organization;
import io.secplane.organizations.OrganizationRepository;
import io.secplane.roles.Role;
import io.secplane.roles.RoleRepository;
import io.secplane.users.User;
import io.secplane.users.UserRepository;
import io.secplane.web.ApiException;
import io.secplane.web.Fields;

/** Admin groups: their fields, members, roles and the managed orgs they cover. The authorizer has let the caller in. */
@Service
public class AdminGroupService {

    public record CreateRequest(String name, String description, String appliesTo) {
    }

    /** One item of a PATCH and how it went. */
    public record Change(String kind, String id, String operation, String error) {
    }

    private final AdminGroupRepository repository;
    private final UserRepository users;
    private final RoleRepository roles;
    private final OrganizationRepository orgs;
    private final AuditLog audit;
    private final io.secplane.access.OrgChanges changes;
    private final TransactionTemplate tx;

    public AdminGroupService(AdminGroupRepository repository, UserRepository users, RoleRepository roles,
                             OrganizationRepository orgs, AuditLog audit, io.secplane.access.OrgChanges changes,
                             TransactionTemplate tx) {
        this.repository = repository;
        this.users = users;
        this.roles = roles;
        this.orgs = orgs;
        this.audit = audit;
        this.changes = changes;
        this.tx = tx;
    }

    @Transactional
    public AdminGroup create(UUID orgId, CreateRequest body) {
        Fields f = new Fields();
        String name = f.text("name", body.name(), true, 255);
        String description = f.text("description", body.description(), false, 1024);
        AdminGroup.AppliesTo appliesTo = body.appliesTo() == null ? AdminGroup.AppliesTo.all
                : f.oneOf("appliesTo", body.appliesTo(), AdminGroup.AppliesTo.class, true);
        f.check();
        if (repository.nameTaken(orgId, name)) {
            throw ApiException.conflict("An admin group named '" + name + "' already exists in this organization.");
        }
        AdminGroup group = new AdminGroup(UUID.randomUUID(), orgId, name, description, AdminGroup.FEDERATED,
                appliesTo, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try {
            repository.insert(group);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("An admin group named '" + name + "' already exists in this organization.");
        }
        audit.changed(orgId, "adminGroups/" + group.id());
        return group;
    }

    @Transactional(readOnly = true)
    public AdminGroup get(UUID orgId, UUID groupId) {
        return find(orgId, groupId);
    }

    private AdminGroup find(UUID orgId, UUID groupId) {
        return repository.find(orgId, groupId)
                .orElseThrow(() -> ApiException.notFound("Admin group " + groupId + " not found in organization " + orgId + "."));
    }

    @Transactional(readOnly = true)
    public List<AdminGroup> list(UUID orgId) {
        return repository.list(orgId);
    }

    /** Merges the fields sent; a new reach takes effect for the members at once. */
    public AdminGroup modify(UUID orgId, UUID groupId, String name, String description, String appliesTo) {
        AdminGroup g = changes.run(orgId, () -> {
            AdminGroup current = find(orgId, groupId);
            Fields f = new Fields();
            String n = name == null ? current.name() : f.text("name", name, true, 255);
            String d = description == null ? current.description() : f.text("description", description, false, 1024);
            AdminGroup.AppliesTo a = appliesTo == null ? current.appliesTo()
                    : f.oneOf("appliesTo", appliesTo, AdminGroup.AppliesTo.class, true);
            f.check();
            if (!n.equalsIgnoreCase(current.name()) && repository.nameTaken(orgId, n)) {
                throw ApiException.conflict("An admin group named '" + n + "' already exists in this organization.");
            }
            try {
                repository.update(orgId, groupId, n, d, a);
            } catch (DuplicateKeyException e) {
                throw ApiException.conflict("An admin group named '" + n + "' already exists in this organization.");
            }
            audit.changed(orgId, "adminGroups/" + groupId);
            return find(orgId, groupId);
        });
        return g;
    }

    public void delete(UUID orgId, UUID groupId) {
        changes.run(orgId, () -> {
            if (!repository.delete(orgId, groupId)) {
                throw ApiException.notFound("Admin group " + groupId + " not found in organization " + orgId + ".");
            }
            audit.changed(orgId, "adminGroups/" + groupId);
            return null;
        });
    }

    /**
     * Adds and removes members (by email), managed orgs (by id) and roles (by id), each on its own: an
     * item that cannot be done is reported and the others are. Adding what is there, or removing what
     * is not, succeeds.
     */
    public List<Change> change(UUID orgId, UUID groupId, List<String[]> userItems, List<String[]> orgItems,
                               List<String[]> roleItems) {
        tx.execute(s -> find(orgId, groupId));
        List<Change> out = new ArrayList<>();
        for (String[] item : userItems) {
            out.add(item("user", item, orgId, () -> {
                User u = users.findByEmail(orgId, item[1]).filter(x -> !x.status().equals(User.REMOVED)).orElse(null);
                if (u == null) {
                    return "No user with this email in organization " + orgId + ".";
                }
                if (item[0].equals("add")) {
                    repository.addMember(groupId, u.id());
                } else {
                    repository.removeMember(groupId, u.id());
                }
                return null;
            }, groupId));
        }
        for (String[] item : orgItems) {
            out.add(item("managedOrg", item, orgId, () -> {
                UUID managed;
                try {
                    managed = UUID.fromString(item[1]);
                } catch (IllegalArgumentException e) {
                    return "'" + item[1] + "' is not an organization id.";
                }
                Organization o = orgs.find(orgId).orElseThrow();
                if (!o.managedOrgIds().contains(managed)) {
                    return "Organization " + managed + " is not managed by organization " + orgId + ".";
                }
                if (item[0].equals("add")) {
                    repository.addOrg(groupId, managed);
                } else {
                    repository.removeOrg(groupId, managed);
                }
                return null;
            }, groupId));
        }
        for (String[] item : roleItems) {
            out.add(item("role", item, orgId, () -> {
                Role r;
                try {
                    r = roles.find(orgId, UUID.fromString(item[1])).orElse(null);
                } catch (IllegalArgumentException e) {
                    r = null;
                }
                if (r == null) {
                    return "Role " + item[1] + " is not a role of this organization.";
                }
                if (item[0].equals("add")) {
                    roles.grantGroup(groupId, r.id());
                } else {
                    roles.revokeGroup(groupId, r.id());
                }
                return null;
            }, groupId));
        }
        return out;
    }

    private Change item(String kind, String[] item, UUID orgId, java.util.function.Supplier<String> work, UUID groupId) {
        String error = changes.item(orgId, () -> {
            String e = work.get();
            if (e == null) {
                audit.changed(null, orgId, "adminGroups/" + groupId, item[0] + " " + kind + " " + item[1]);
            }
            return e;
        });
        return new Change(kind, item[1], item[0], error);
    }

    @Transactional(readOnly = true)
    public List<Organization> reached(UUID orgId, UUID groupId) {
        AdminGroup g = find(orgId, groupId);
        return repository.reachedOrgs(g).stream().map(id -> orgs.find(id).orElse(null))
                .filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparing(Organization::name).thenComparing(Organization::id)).toList();
    }

    @Transactional(readOnly = true)
    public List<Role> rolesOf(UUID orgId, UUID groupId) {
        find(orgId, groupId);
        return roles.ofGroup(groupId);
    }
}
