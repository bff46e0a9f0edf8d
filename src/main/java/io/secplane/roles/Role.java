package io.secplane.roles;

import java.util.List;
import java.util.UUID;

import io.secplane.access.Level;

/** A role: STATIC and BUNDLED ones belong to every org (orgId null), CUSTOM ones to one org. */
public record Role(UUID id, UUID orgId, String displayName, String description, String type,
                   List<Product> products, Level apiAccess) {

    public record Product(String key, String name) {
    }

    /** A role as a holder of it is shown: its id and name. */
    public record Ref(UUID id, String displayName) {
    }
}
