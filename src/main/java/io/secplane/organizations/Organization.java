package io.secplane.organizations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant. Managed and manager lists are filled by the repository when the full object is asked for. */
public record Organization(UUID id, String name, OrgType type, Region region, Instant created,
                           List<UUID> managedOrgIds, List<UUID> managerOrgIds) {

    public enum OrgType { STANDALONE, MANAGER, MANAGED }
}
