package io.secplane.organizations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.organizations.Organization.OrgType;
import io.secplane.organizations.OrganizationRepository.SortBy;
import io.secplane.access.Access;
import io.secplane.access.Authorizer;
import io.secplane.access.Principal;
import io.secplane.audit.AuditLog;
import io.secplane.roles.StaticRoles;
import io.secplane.web.ApiException;
import io.secplane.web.Cursors;
import io.secplane.web.ErrorCode;
import io.secplane.web.Fields;

/** The rules of organizations: who sees which, how they are made and renamed. */
@Service
public class OrganizationService {

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 500;

    public record Page(List<Organization> items, String nextCursor) {
    }

    private final OrganizationRepository repository;
    private final Authorizer authz;
    private final Cursors cursors;
    private final AuditLog audit;
    private final io.secplane.access.AccessResolver access;
    private final io.secplane.roles.RoleRepository roles;
    private final io.secplane.users.UserRepository users;

    public OrganizationService(OrganizationRepository repository, Authorizer authz,
                               Cursors cursors, AuditLog audit, io.secplane.access.AccessResolver access,
                               io.secplane.roles.RoleRepository roles, io.secplane.users.UserRepository users) {
        this.users = users;
        this.audit = audit;
        this.access = access;
        this.roles = roles;
        this.cursors = cursors;
        this.repository = repository;
        this.authz = authz;
    }

    @Transactional(readOnly = true)
    public Page list(String name, String type, String regionCode, UUID managerOrgId, Integer max, String cursor,
                     String sortBy, String order) {
        Access caller = authz.current();
        Fields f = new Fields();
        OrgType t = f.oneOf("type", type, OrgType.class, false);
        Region r = f.oneOf("regionCode", regionCode, Region.class, false);
        SortBy s = sortBy == null ? SortBy.name : f.oneOf("sortBy", sortBy, SortBy.class, false);
        boolean desc = false;
        if (order != null) {
            if (order.equalsIgnoreCase("DESC")) {
                desc = true;
            } else if (!order.equalsIgnoreCase("ASC")) {
                f.problem("order", "'" + order + "' is not one of ASC, DESC");
            }
        }
        if (max != null && (max < 1 || max > MAX_PAGE)) {
            f.problem("max", "must be between 1 and " + MAX_PAGE);
        }
        int limit = max == null ? DEFAULT_PAGE : max;
        if (name != null && name.length() > 255) {
            f.problem("name", "must be at most 255 characters");
        }
        f.check();
        String sortKey = (s == null ? SortBy.name : s).name() + ":" + (desc ? "DESC" : "ASC");
        Cursors.After after = cursors.after(cursor, sortKey);
        if (s == SortBy.created && after.value() != null) {
            try {
                java.time.Instant.parse(after.value());
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.badRequest("The cursor is not one this server gave out.");
            }
        }
        SortBy by = s == null ? SortBy.name : s;
        Cursors.Page<Organization> page = cursors.page(repository.list(new OrganizationRepository.ListQuery(
                caller.where("o.id", io.secplane.access.Level.READ), name == null || name.isBlank() ? null : name.strip(), t, r, managerOrgId, s, desc,
                after.value(), after.id(), limit + 1)), limit, sortKey, o -> sortValue(o, by), Organization::id);
        return new Page(page.items(), page.cursor());
    }

    private static String sortValue(Organization o, SortBy s) {
        return switch (s) {
            case name -> o.name();
            case created -> o.created().toString();
            case type -> o.type().name();
            case regionCode -> o.region().name();
        };
    }

    @Transactional(readOnly = true)
    public Organization get(UUID orgId) {
        return repository.find(orgId).orElseThrow(() -> ApiException.notFound("Organization " + orgId + " not found."));
    }

    @Transactional
    public Organization create(OrganizationDtos.CreateRequest body) {
        Access access = authz.current();
        Principal caller = access.principal();
        if (body == null) {
            throw ApiException.badRequest("The request body is required.");
        }
        Fields f = new Fields();
        String name = f.text("name", body.name(), true, 255);
        Region region = f.oneOf("regionCode", body.regionCode(), Region.class, true);
        OrgType type = f.oneOf("type", body.type(), OrgType.class, true);
        if (type == OrgType.MANAGER) {
            f.problem("type", "must be STANDALONE or MANAGED; MANAGER organizations are made by a platform operator");
        }
        f.check();
        if (type == OrgType.MANAGED) {
            OrgType own = repository.type(caller.orgId()).orElseThrow(
                    () -> new ApiException(ErrorCode.INVALID_TOKEN, "The token's organization no longer exists."));
            if (own != OrgType.MANAGER) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Only a MANAGER organization can create MANAGED "
                        + "organizations; the token's organization is " + own + ".");
            }
        }
        UUID id = UUID.randomUUID();
        repository.insert(id, name, type, region, Instant.now());
        if (type == OrgType.MANAGED) {
            if (!repository.managesAny(caller.orgId())) {
                // its first: what its callers may do is read again, now reaching further than their own org
                this.access.changed(caller.orgId());
            }
            repository.link(caller.orgId(), id);
        }
        audit.changed(id, "organizations/" + id);
        if (type == OrgType.STANDALONE && access.actingUser() != null) {
            // the user who made it (for a key: the key's maker) administers it, as a user shared into it:
            // listed with its users (status SHARED), counted as its administrator, removable by its
            // administrators once it has another; the SDK's create-then-rename with the same key works
            UUID maker = access.actingUser();
            users.share(maker, id);
            roles.grantUser(maker, id, StaticRoles.ORG_ADMIN);
            String email = users.find(id, maker).map(io.secplane.users.User::email).orElse(maker.toString());
            audit.changed(null, id, "users/" + maker, "shared into this organization as its administrator: "
                    + email + ", of organization " + caller.orgId() + ", made it");
        }
        if (type == OrgType.STANDALONE && access.actingUser() != null) {
            this.access.userChanged(access.actingUser());
        }
        return repository.find(id).orElseThrow();
    }

    @Transactional
    public Organization update(UUID orgId, OrganizationDtos.UpdateRequest body) {
        if (body == null) {
            throw ApiException.badRequest("The request body is required.");
        }
        Organization current = repository.find(orgId)
                .orElseThrow(() -> ApiException.notFound("Organization " + orgId + " not found."));
        Fields f = new Fields();
        String name = f.text("name", body.name(), false, 255);
        if (body.name() != null && name != null && name.isEmpty()) {
            f.problem("name", "must not be blank");
        }
        f.check();
        if (name != null && !name.equals(current.name())) {
            repository.rename(orgId, name);
            audit.changed(orgId, "organizations/" + orgId);
        }
        return repository.find(orgId).orElseThrow();
    }
}
