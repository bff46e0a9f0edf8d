package io.secplane.roles;

import java.util.List;
import java.util.UUID;

/** The two STATIC roles every org has; their ids are fixed by the first migration. */
public final class StaticRoles {

    public static final UUID ORG_ADMIN = UUID.fromString("00000000-0000-4000-8000-000000000001");
    public static final UUID ORG_MEMBER = UUID.fromString("00000000-0000-4000-8000-000000000002");
    public static final String ADMIN_SCOPE = "security:enterprise:admin";
    public static final String MEMBER_SCOPE = "security:enterprise:member";

    private StaticRoles() {
    }

    /** The token scopes a set of roles gives: admin writes and reads, member reads. */
    public static List<String> scopes(List<UUID> roles) {
        if (roles.contains(ORG_ADMIN)) {
            return List.of(ADMIN_SCOPE, MEMBER_SCOPE);
        }
        if (roles.contains(ORG_MEMBER)) {
            return List.of(MEMBER_SCOPE);
        }
        return List.of();
    }
}
