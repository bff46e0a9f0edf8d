package io.secplane.access;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import io.secplane.audit.AuditLog;
import io.secplane.contract.ContractCatalog;
import io.secplane.contract.ContractCatalog.Need;
import io.secplane.contract.UuidPathVariables;
import io.secplane.hosts.Host;
import io.secplane.hosts.HostKind;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.ErrorMapper;
import io.secplane.xdr.XdrScopes;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The one authorizer: every operation of the three APIs passes here with its caller, the operation
 * (from the contract) and the organization it acts on, and is allowed or refused from the current
 * state (see {@link AccessResolver}). The org is the path's {@code orgId} on the SCC hosts, else the
 * caller's own. An org the caller cannot read is answered 404, as if it did not exist; one it reads
 * but may not change, 403. On the XDR host the caller's scopes, as its client and user hold them
 * now, must also include {@code admin} (writes) or {@code admin:read} (reads). Refusals are recorded
 * in the audit log. The operator's API needs the operator (its token named it); a Secure Endpoint
 * token, its org's Secure Endpoint active and integrated now. Who the caller is, the authentication
 * step decided before ({@link Authentication}).
 */
@Component
public class Authorizer {

    private static final String ACCESS = Access.ATTRIBUTE;
    private final AccessResolver resolver;
    private final AuditLog audit;
    private final io.secplane.products.Products products;

    public Authorizer(AccessResolver resolver, AuditLog audit, io.secplane.products.Products products) {
        this.resolver = resolver;
        this.audit = audit;
        this.products = products;
    }

    /**
     * Allows or refuses the request's operation for the caller the authentication step named (null
     * for a public operation or one that checks its own credentials); called once per request,
     * before its body is read.
     */
    public void authorize(HttpServletRequest request, ContractCatalog.Operation op, Principal principal) {
        if (op.need() == Need.PUBLIC || op.need() == Need.OWN_CREDENTIALS) {
            return;
        }
        if (op.need() == Need.OPERATOR) {
            if (principal == null || principal.kind() != Principal.Kind.OPERATOR) {
                throw new ApiException(ErrorCode.INVALID_TOKEN, "This operation needs the operator token of bootstrap.json.");
            }
            return; // the platform operator: its token, as it is in the database now, was the credential
        }
        if (principal == null || principal.kind() == Principal.Kind.OPERATOR) {
            throw new ApiException(ErrorCode.INVALID_TOKEN, "An access token is required.");
        }
        Host host = Host.of(request);
        HostKind kind = host.kind();
        if (ContractCatalog.SECURE_ENDPOINT_TOKEN.equals(op.scheme())) {
            secureEndpointState(principal, host.region());
        }
        Access access = resolver.resolve(principal);
        UUID org = targetOrg(request, principal);
        if (access.problem() != null) {
            throw refuse(request, principal, op, org, Authentication.refused(kind, access.problem()));
        }
        if (op.need() == Need.CALLER) {
            request.setAttribute(ACCESS, access);
            return; // who the caller is, asked by a caller that may still act
        }
        Level level = access.level(org);
        if (!level.covers(Level.READ) && kind != HostKind.XDR && kind != HostKind.SECURE_ENDPOINT
                && !org.equals(principal.orgId())) {
            throw refuse(request, principal, op, org, ApiException.notFound("Organization " + org + " not found."));
        }
        Level needed = op.need() == Need.WRITE ? Level.WRITE : Level.READ;
        if (!level.covers(needed)) {
            String has = switch (level) {
                case WRITE -> "write";
                case READ -> "read-only";
                case NONE -> "no API";
            };
            throw refuse(request, principal, op, org, new ApiException(ErrorCode.INSUFFICIENT_SCOPE,
                    "This operation needs " + (needed == Level.WRITE ? "write access (the Organization Administrator role)"
                            : "API access (the Organization Member or Administrator role)")
                            + " in organization " + org + "; the caller has " + has + " access there now."));
        }
        if (kind == HostKind.XDR) {
            Set<String> now = scopesHeldNow(principal, access);
            boolean ok = XdrScopes.covers(now, Set.of("admin:write"))
                    || needed == Level.READ && XdrScopes.covers(now, Set.of("admin:read"));
            if (!ok) {
                throw refuse(request, principal, op, org, new ApiException(ErrorCode.INSUFFICIENT_SCOPE,
                        "This operation needs the XDR scope admin" + (needed == Level.READ ? " (or admin:read)" : "")
                                + ", held now by the client and the user it acts for."));
            }
        }
        request.setAttribute(ACCESS, access);
    }

    /** The scopes of an XDR client's token that the client and the user it acts for still hold now. */
    public static Set<String> scopesHeldNow(Principal principal, Access access) {
        Set<String> now = new java.util.LinkedHashSet<>();
        for (String scope : principal.tokenScopes()) {
            if (XdrScopes.covers(access.xdrScopes(), Set.of(scope))) {
                now.add(scope);
            }
        }
        return now;
    }

    /** What the current request's caller may do (set by {@link #authorize}). */
    public Access current() {
        HttpServletRequest request = request();
        if (request != null && request.getAttribute(ACCESS) instanceof Access a) {
            return a;
        }
        throw new ApiException(ErrorCode.INVALID_TOKEN, "An access token is required.");
    }

    /** The caller of the current request, when one was authenticated. */
    public static Principal principalOrNull() {
        return Authentication.current();
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a ? a.getRequest() : null;
    }

    /**
     * A Secure Endpoint token works while its org's Secure Endpoint, in the token's region, is active
     * and integrated with XDR: it stops at once when either is turned off.
     */
    private void secureEndpointState(Principal principal, String region) {
        var se = products.find(principal.orgId(), io.secplane.products.Products.Product.SECURE_ENDPOINT).orElse(null);
        if (se != null && se.region().equals(region) && !se.active()) {
            throw Authentication.refused(HostKind.SECURE_ENDPOINT,
                    "Secure Endpoint is deactivated for this organization; this token stopped working then.");
        }
        if (se == null || !se.region().equals(region) || !se.integration()) {
            throw Authentication.refused(HostKind.SECURE_ENDPOINT, "The Secure Endpoint - XDR integration of this organization is no "
                    + "longer enabled; this token stopped working when it was disabled.");
        }
    }

    /**
     * The organization the path names, read as the handler will read it ({@link UuidPathVariables#read})
     * and refused in the same words; else the caller's own.
     */
    private static UUID targetOrg(HttpServletRequest request, Principal principal) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                && vars.get("orgId") instanceof String s) {
            UUID org;
            try {
                org = UuidPathVariables.read(s);
            } catch (IllegalArgumentException e) {
                throw ErrorMapper.mismatch("orgId", s, UUID.class);
            }
            if (org == null) {
                throw ErrorMapper.blankInPath("orgId");
            }
            return org;
        }
        return principal.orgId();
    }


    private ApiException refuse(HttpServletRequest request, Principal principal, ContractCatalog.Operation op, UUID org,
                                ApiException e) {
        Access access = resolver.resolve(principal);
        audit.refused(request, principal, access.actingUser(), op.operationId(), org, e.code().status().value(), e.getMessage());
        return e;
    }
}
