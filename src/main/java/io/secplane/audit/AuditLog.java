package io.secplane.audit;

import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.secplane.access.Principal;
import io.secplane.contract.ContractCatalog;
import io.secplane.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Records who changed what, when, from which address, with what result. A change is recorded in
 * the transaction that makes it (both are on disk, or neither); a refusal on its own. What is
 * recorded names ids, never a secret (no token, password or link).
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private final AuditRepository repository;

    public AuditLog(AuditRepository repository) {
        this.repository = repository;
    }

    /** A change by the current request's caller to a target in an org; call it inside the change's transaction. */
    public void changed(UUID orgId, String target) {
        changed(null, orgId, target, null);
    }

    /** A change by a named caller (the token endpoints, whose caller is the credential they were given). */
    public void changed(Principal actor, UUID orgId, String target, String detail) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an audited change must be recorded in its transaction");
        }
        HttpServletRequest request = request();
        Principal p = actor != null ? actor : io.secplane.access.Authentication.current();
        UUID actingUser = p == null ? null : p.userId();
        if (actor == null && request != null && request.getAttribute(io.secplane.access.Access.ATTRIBUTE)
                instanceof io.secplane.access.Access a) {
            actingUser = a.actingUser();
        }
        ContractCatalog.Route route = request == null ? null : ContractCatalog.Route.of(request);
        ContractCatalog.Operation op = route == null ? null : route.operation();
        repository.insert(new AuditRepository.Event(UUID.randomUUID(), orgId, Instant.now(),
                p == null ? "SYSTEM" : p.kind().name(), p == null ? "server" : p.id(), actingUser,
                op == null ? "internal" : op.operationId(), target, request == null ? null : request.getRemoteAddr(),
                "success", op == null ? 200 : op.successStatus(), detail,
                request == null ? null : RequestContext.trackingId(request)));
    }

    /**
     * A request the authorizer refused. A refusal in an org the caller may read (403) is recorded in
     * that org's log; one in an org it cannot see (404: to the caller, the org does not exist) in the
     * caller's own org's log and the server's log, never in the target's, which the caller could
     * otherwise fill with text of its choosing.
     */
    public void refused(HttpServletRequest request, Principal p, UUID actingUser, String operation, UUID orgId, int status,
                        String why) {
        UUID logOf = status == 404 ? p.orgId() : orgId;
        if (status == 404) {
            log.warn("trackingId={} refused {} {} {} on an organization it cannot see ({}): {}", RequestContext.trackingId(request),
                    p.kind(), p.id(), operation, orgId, why);
        }
        if (logOf == null) {
            return; // a caller of no org (the operator): the server's log only
        }
        try {
            repository.insert(new AuditRepository.Event(UUID.randomUUID(), logOf, Instant.now(), p.kind().name(), p.id(),
                    actingUser != null ? actingUser : p.userId(), operation, request.getRequestURI(), request.getRemoteAddr(),
                    "refused", status, why, RequestContext.trackingId(request)));
        } catch (RuntimeException e) {
            log.warn("trackingId={} the refusal could not be recorded: {}", RequestContext.trackingId(request), e.toString());
        }
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a ? a.getRequest() : null;
    }
}
