package io.secplane.security;

import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import io.secplane.tenancy.OrgVisibility;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * The one authorizer. A token sees its own org and the orgs that org manages; anything else is
 * answered as if it did not exist. Member scope reads; admin scope reads and writes.
 */
@Component
public class Authorizer {

    private final OrgVisibility visibility;

    public Authorizer(OrgVisibility visibility) {
        this.visibility = visibility;
    }

    public Caller caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof CallerAuthentication ca) {
            return ca.caller();
        }
        throw new ApiException(ErrorCode.INVALID_TOKEN, "An access token is required.");
    }

    /** For operations on one org: 404 when the caller may not see it, 403 when its scope is too small. */
    public Caller require(Permission permission, UUID orgId) {
        Caller caller = caller();
        if (!visibility.visibleTo(caller.orgId()).contains(orgId)) {
            throw ApiException.notFound("Organization " + orgId + " not found.");
        }
        requireScope(caller, permission);
        return caller;
    }

    /** For operations not on one org (listing, creating). */
    public Caller require(Permission permission) {
        Caller caller = caller();
        requireScope(caller, permission);
        return caller;
    }

    private static void requireScope(Caller caller, Permission permission) {
        if (permission.write() ? !caller.canWrite() : !caller.canRead()) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "This operation needs the scope "
                    + (permission.write() ? Caller.ADMIN_SCOPE : Caller.MEMBER_SCOPE)
                    + "; the token carries " + (caller.scopes().isEmpty() ? "none" : String.join(" ", caller.scopes())) + ".");
        }
    }
}
