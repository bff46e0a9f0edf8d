package io.secplane.organizations;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON shapes of the organizations API, as in the getting-started document. */
public final class OrganizationDtos {

    private OrganizationDtos() {
    }

    public record Summary(UUID id, String name, String type) {
        static Summary of(Organization o) {
            return new Summary(o.id(), o.name(), o.type().name());
        }
    }

    public record Details(UUID id, String name, String regionCode, String regionDescription, String created,
                          String type, List<UUID> managedOrgIds, List<UUID> managerOrgIds) {
        static Details of(Organization o) {
            return new Details(o.id(), o.name(), o.region().name(), o.region().description(),
                    o.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), o.type().name(),
                    o.managedOrgIds(), o.managerOrgIds());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<Summary> organizations, String cursor) {
    }

    public record CreateRequest(String name, String regionCode, String type) {
    }

    public record UpdateRequest(String name, String regionCode, String type) {
    }
}
