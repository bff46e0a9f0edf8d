package io.secplane.access;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import io.secplane.hosts.HostKind;
import io.secplane.secureendpoint.SecureEndpointRateLimit;
import io.secplane.web.ApiException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The way in, for every operation of every API, before its body is read: the one authentication
 * step ({@link Authentication}) names the caller, a Secure Endpoint host counts the request, and the
 * one {@link Authorizer} allows or refuses it. A handler that no contract names (and that is not one
 * of the public pages) is not reached at all.
 */
@Component
public class AccessInterceptor implements HandlerInterceptor {

    private final Authentication authentication;
    private final Authorizer authorizer;
    private final ContractCatalog catalog;
    private final SecureEndpointRateLimit rateLimit;

    public AccessInterceptor(Authentication authentication, Authorizer authorizer, ContractCatalog catalog,
                             SecureEndpointRateLimit rateLimit) {
        this.authentication = authentication;
        this.authorizer = authorizer;
        this.catalog = catalog;
        this.rateLimit = rateLimit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            return true;
        }
        HostKind kind = Host.of(request).kind();
        ContractCatalog.Operation op = catalog.of(request, kind).orElse(null);
        Principal caller = null;
        ApiException refused = null;
        try {
            caller = authentication.authenticate(request, op);
        } catch (ApiException e) {
            refused = e;
        }
        if (kind == HostKind.SECURE_ENDPOINT && (op == null || !op.isPublic())) {
            // counted before any refusal, so that every answer carries the hour's headers
            rateLimit.count(response, caller, request.getRemoteAddr());
        }
        if (refused != null) {
            throw refused;
        }
        if (op != null) {
            authorizer.authorize(request, op, caller);
        } else if (handler instanceof org.springframework.web.method.HandlerMethod
                && !catalog.isPublic(kind, request.getMethod(), request.getRequestURI())) {
            // a handler the contracts do not name: nothing reaches it
            throw ApiException.notFound("No operation " + request.getMethod() + " " + request.getRequestURI()
                    + " on this host.");
        }
        return true;
    }
}
