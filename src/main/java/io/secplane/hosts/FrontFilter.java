package io.secplane.hosts;

import java.io.IOException;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.secplane.SecplaneProperties;
import io.secplane.contract.ContractCatalog;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.ErrorWriter;
import io.secplane.web.RequestContext;
import io.secplane.web.StrictRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * First on every request: gives it a tracking id, tells which host it was sent to, refuses paths
 * that host does not serve (by the contracts), reads the body up to the size limit and decodes the
 * parameters strictly, before anything else sees the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class FrontFilter extends OncePerRequestFilter {

    private final HostMap hosts;
    private final ErrorWriter errors;
    private final ContractCatalog catalog;
    private final long maxBody;
    private final io.secplane.web.RequestMetrics metrics;
    private final io.secplane.state.StateGate gate;
    private final long maxImport;

    public FrontFilter(HostMap hosts, ErrorWriter errors, ContractCatalog catalog, SecplaneProperties properties,
                       io.secplane.web.RequestMetrics metrics, io.secplane.state.StateGate gate) {
        this.metrics = metrics;
        this.gate = gate;
        this.maxImport = properties.state().maxImportSize().toBytes();
        this.hosts = hosts;
        this.errors = errors;
        this.catalog = catalog;
        this.maxBody = properties.maxBodySize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String trackingId = RequestContext.trackingId(request);
        MDC.put(RequestContext.TRACKING_ID, trackingId);
        try {
            Host host = hosts.resolve(request.getHeader("Host"));
            request.setAttribute(Host.ATTRIBUTE, host);
            String path = request.getRequestURI();
            ContractCatalog.Route route = catalog.route(host.kind(), request);
            route.attachTo(request);
            if (!route.served()) {
                errors.write(request, response, ApiException.notFound(
                        "No endpoint " + request.getMethod() + " " + path + " on host " + host.name() + "."));
                return;
            }
            String contentType = request.getContentType();
            if (contentType != null && !contentType.isBlank() && !concrete(contentType)) {
                errors.write(request, response, new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "The Content-Type '" + contentType.strip() + "' is not a media type a body can have; "
                                + "send application/json (or a form where the operation takes one)."));
                return;
            }
            StrictRequest strict;
            try {
                long limit = importing(route) ? maxImport : maxBody;
                strict = StrictRequest.of(request, limit, () -> tooLarge(limit));
            } catch (ApiException e) {
                // a body that ended early makes the container discard this answer and report the request
                // again through its error dispatch, which gives this one
                request.setAttribute(io.secplane.web.ErrorPages.REFUSED, e);
                errors.write(request, response, e);
                return;
            }
            if (route.operation() != null && route.operation().api() == ContractCatalog.Api.OPERATOR) {
                chain.doFilter(strict, response);
            } else {
                // a request sees the state before an operation on the whole state or after it (StateGate)
                long pass = gate.enter();
                try {
                    chain.doFilter(strict, response);
                } finally {
                    gate.leave(pass);
                }
            }
        } finally {
            MDC.remove(RequestContext.TRACKING_ID);
            metrics.record(ContractCatalog.Route.of(request), response.getStatus(), System.nanoTime() - started);
        }
    }

    private static boolean concrete(String contentType) {
        try {
            org.springframework.http.MediaType type = org.springframework.http.MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean importing(ContractCatalog.Route route) {
        return route.operation() != null && route.operation().api() == ContractCatalog.Api.OPERATOR
                && "importState".equals(route.operation().operationId());
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                "The request body is larger than the limit of " + limit + " bytes.");
    }
}
