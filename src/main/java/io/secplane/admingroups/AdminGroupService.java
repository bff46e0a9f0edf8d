package io.secplane.admingroups;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.security.Authorizer;
import io.secplane.security.Permission;
import io.secplane.web.ApiException;
import io.secplane.web.Fields;

@Service
public class AdminGroupService {

    public record CreateRequest(String name, String description, String appliesTo) {
    }

    private final AdminGroupRepository repository;
    private final Authorizer authz;

    public AdminGroupService(AdminGroupRepository repository, Authorizer authz) {
        this.repository = repository;
        this.authz = authz;
    }

    @Transactional
    public AdminGroup create(UUID orgId, CreateRequest body) {
        authz.require(Permission.ADMIN_GROUPS_WRITE, orgId);
        if (body == null) {
            throw ApiException.badRequest("The request body is required.");
        }
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
        return group;
    }

    @Transactional(readOnly = true)
    public AdminGroup get(UUID orgId, UUID groupId) {
        authz.require(Permission.ADMIN_GROUPS_READ, orgId);
        return repository.find(orgId, groupId)
                .orElseThrow(() -> ApiException.notFound("Admin group " + groupId + " not found in organization " + orgId + "."));
    }

    @Transactional(readOnly = true)
    public List<AdminGroup> list(UUID orgId) {
        authz.require(Permission.ADMIN_GROUPS_READ, orgId);
        return repository.list(orgId);
    }
}
