package io.secplane.access;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Sends every operation of every API through the one {@link Authorizer}, before its body is read. */
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
        catalog.of(request, Host.of(request).kind()).ifPresent(op -> authorizer.authorize(request, op));
        return true;
    }
}
