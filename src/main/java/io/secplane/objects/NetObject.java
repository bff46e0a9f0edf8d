package io.secplane.objects;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A network object (one literal) or network group (literals and references), as stored. */
public record NetObject(UUID id, UUID orgId, Kind kind, String name, String description, List<String> labels,
                        long version, Instant created, Instant updated, List<String> literals, List<UUID> members) {

    public enum Kind { NETWORK_OBJECT, NETWORK_GROUP }

    public String etag() {
        return "\"" + version + "\"";
    }
}
