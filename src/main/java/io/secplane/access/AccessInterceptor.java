package io.secplane.access;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends every operation of every API through the one {@link Authorizer}, before its body is read;
 * a handler that no contract names (and that is not one of the public pages) is not reached at all.
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
        var kind = Host.of(request).kind();
        var op = catalog.of(request, kind);
        if (op.isPresent()) {
            authorizer.authorize(request, op.get());
        } else if (handler instanceof org.springframework.web.method.HandlerMethod
                && !catalog.isPublic(kind, request.getMethod(), request.getRequestURI())) {
            // a handler the contracts do not name: nothing reaches it
            throw io.secplane.web.ApiException.notFound("No operation " + request.getMethod() + " " + request.getRequestURI()
                    + " on this host.");
        }
        return true;
    }
}
