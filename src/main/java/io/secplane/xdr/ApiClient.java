package io.secplane.xdr;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An XDR API client: it acts with the permissions of the user who made it. */
public record ApiClient(String id, UUID orgId, String region, String name, String description, Set<String> scopes,
                        String secretDigest, String status, UUID createdBy, Instant created, Instant updated) {

    public boolean enabled() {
        return "ENABLED".equals(status);
    }
}
