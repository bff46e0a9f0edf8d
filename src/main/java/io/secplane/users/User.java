package io.secplane.users;

import java.time.Instant;
import java.util.UUID;

/**
 * A user of an org. Status ACTIVE, DISABLE (suspended), PENDING (invited), or SHARED: a user of another
 * org ({@code orgId} is that org) holding a role in this one, such as the maker of a STANDALONE org;
 * REMOVED ones are gone.
 */
public record User(UUID id, UUID orgId, String email, String firstName, String lastName, String status,
                   Instant created, Instant lastLogin, boolean mfaEnrolled, boolean hasPassword) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DISABLE = "DISABLE";
    public static final String PENDING = "PENDING";
    public static final String REMOVED = "REMOVED";
    public static final String SHARED = "SHARED";
}
