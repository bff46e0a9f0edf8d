package io.secplane.admingroups;

import java.time.Instant;
import java.util.UUID;

public record AdminGroup(UUID id, UUID orgId, String name, String description, String type, AppliesTo appliesTo,
                         Instant created) {

    /** Which orgs a group's roles reach: the constants are the API's own lower-case values. */
    @SuppressWarnings("java:S115")
    public enum AppliesTo { all, manager, selected_managed }

    /** The one group type this server makes; the getting-started document shows it. */
    public static final String FEDERATED = "Federated";
}
