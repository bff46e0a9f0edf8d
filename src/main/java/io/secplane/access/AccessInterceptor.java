package io.secplane.access;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import io.secplane.hosts.HostKind;
import io.secplane.web.ApiException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Whether the caller may, for every operation of every API and every page of the console, once its
 * handler is known: the caller the one authentication step named before ({@link Authentication},
 * in the security chains) is allowed or refused by the one {@link Authorizer}. A handler that no
 * contract names (and that is not one of the public pages) is not reached at all.
 */
@Component
public class AccessInterceptor implements HandlerInterceptor {

    private final Authorizer authorizer;
    private final ContractCatalog catalog;

    public AccessInterceptor(Authorizer authorizer, ContractCatalog catalog) {
        this.authorizer = authorizer;
        this.catalog = catalog;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            return true;
        }
        HostKind kind = Host.of(request).kind();
        ContractCatalog.Operation op = catalog.of(request, kind).orElse(null);
        if (op != null) {
            authorizer.authorize(request, op, Authentication.current());
        } else if (handler instanceof org.springframework.web.method.HandlerMethod
                && !catalog.isPublic(kind, request.getMethod(), request.getRequestURI())) {
            // a handler the contracts do not name: nothing reaches it
            throw ApiException.notFound("No operation " + request.getMethod() + " " + request.getRequestURI()
                    + " on this host.");
        }
        return true;
    }
}
