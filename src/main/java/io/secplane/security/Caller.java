package io.secplane.security;

import java.util.Set;
import java.util.UUID;

/** Who is calling: the API key a token was issued to, its org and the scopes it carries. */
public record Caller(UUID orgId, UUID apiKeyId, UUID familyId, Set<String> scopes) {

    public static final String ADMIN_SCOPE = "security:enterprise:admin";
    public static final String MEMBER_SCOPE = "security:enterprise:member";

    public boolean canWrite() {
        return scopes.contains(ADMIN_SCOPE);
    }

    public boolean canRead() {
        return canWrite() || scopes.contains(MEMBER_SCOPE);
    }
}
