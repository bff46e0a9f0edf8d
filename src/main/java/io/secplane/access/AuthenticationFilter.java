package io.secplane.access;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import io.secplane.hosts.HostKind;
import io.secplane.secureendpoint.SecureEndpointRateLimit;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one authentication step ({@link Authentication#authenticate}) as the last filter of each
 * security chain, before any handler is looked for: a missing or refused credential is answered 401
 * in the host's shape whatever else is wrong with the request. A Secure Endpoint host counts the
 * request here too, before any refusal, so that every answer carries the hour's headers. Not on the
 * error dispatch (it reports a failure of a request that was already past this, or never reached it).
 */
final class AuthenticationFilter extends OncePerRequestFilter {

    private final Authentication authentication;
    private final ContractCatalog catalog;
    private final SecureEndpointRateLimit rateLimit;
    private final ErrorWriter errors;

    AuthenticationFilter(Authentication authentication, ContractCatalog catalog, SecureEndpointRateLimit rateLimit,
                         ErrorWriter errors) {
        this.authentication = authentication;
        this.catalog = catalog;
        this.rateLimit = rateLimit;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HostKind kind = Host.of(request).kind();
        ContractCatalog.Operation op = catalog.of(request, kind).orElse(null);
        try {
            Principal caller = null;
            ApiException refused = null;
            try {
                caller = authentication.authenticate(request, op);
            } catch (ApiException e) {
                refused = e;
            }
            if (kind == HostKind.SECURE_ENDPOINT && (op == null || !op.isPublic())) {
                rateLimit.count(response, caller, request.getRemoteAddr());
            }
            if (refused != null) {
                throw refused;
            }
        } catch (ApiException e) {
            errors.write(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }
}
