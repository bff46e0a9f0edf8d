package io.secplane.secureendpoint;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import io.secplane.SecplaneProperties;
import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import io.secplane.hosts.HostKind;
import io.secplane.products.Products;
import io.secplane.ratelimit.RateLimiter;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.xdr.ApiClientService;
import io.secplane.xdr.IrohTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every request to a Secure Endpoint host passes here before its parameters are even bound: the
 * token is checked (the operation's scheme in the contract: an IROH token on the exchange, a Secure
 * Endpoint token elsewhere), the hour's
 * count is taken and its headers set, so that every answer, refusals of any kind included, carries
 * them, and no operation, built or not, answers anyone without a valid token. What the token may do
 * is decided now: a disabled client or integration stops it at once.
 */
@Component
public class SecureEndpointGate implements HandlerInterceptor {

    static final String IROH_CALLER = SecureEndpointGate.class.getName() + ".iroh";
    static final String SE_CALLER = SecureEndpointGate.class.getName() + ".se";

    private final IrohTokens iroh;
    private final SecureEndpointTokens seTokens;
    private final Products products;
    private final RateLimiter limiter;
    private final ContractCatalog catalog;
    private final long limit;

    public SecureEndpointGate(IrohTokens iroh, SecureEndpointTokens seTokens,
                              Products products, RateLimiter limiter, ContractCatalog catalog,
                              SecplaneProperties properties) {
        this.catalog = catalog;
        this.iroh = iroh;
        this.seTokens = seTokens;
        this.products = products;
        this.limiter = limiter;
        this.limit = properties.rateLimits().secureEndpointPerClientPerHour();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Host host = Host.of(request);
        if (host.kind() != HostKind.SECURE_ENDPOINT) {
            return true;
        }
        ContractCatalog.Operation op = catalog.of(request, host.kind()).orElse(null);
        if (op != null && op.isPublic()) {
            return true; // public by the contract: the contract itself, the health check
        }
        // the credential the contract names: an IROH token on the exchange, a Secure Endpoint token elsewhere
        if (op != null && ContractCatalog.IROH_ACCESS_TOKEN.equals(op.scheme())) {
            exchangeCaller(request, response, host.region());
        } else {
            apiCaller(request, response, host.region());
        }
        return true;
    }

    private void exchangeCaller(HttpServletRequest request, HttpServletResponse response, String region) {
        String token = io.secplane.security.BearerTokens.presented(request);
        IrohTokens.Verified v = null;
        String problem = null;
        if (token == null) {
            problem = "No IROH access token: send 'Authorization: Bearer <token from the XDR token service>'.";
        } else {
            try {
                v = iroh.verify(token, region);
            } catch (io.secplane.security.TokenVerifier.Refused e) {
                problem = switch (e.why()) {
                    case EXPIRED -> "The IROH access token has expired; get a new one from the XDR token service.";
                    case SIGNATURE -> "The IROH access token's signature is not valid (was it changed?).";
                    case OTHER_REGION -> "The IROH access token was issued in another region; "
                            + "use the token service and the Secure Endpoint API of the same region.";
                    case MALFORMED, NOT_YET_VALID -> "The bearer token is not an IROH access token.";
                };
            }
        }
        count(response, v == null ? "se-ip:" + request.getRemoteAddr() : "se-client:" + v.clientId());
        if (v == null) {
            throw unauthorized(problem);
        }
        request.setAttribute(IROH_CALLER, v);
        request.setAttribute(io.secplane.access.Principal.ATTRIBUTE,
                io.secplane.access.Principal.apiClient(v.clientId(), v.orgId(), v.userId(), v.scopes()));
    }

    private void apiCaller(HttpServletRequest request, HttpServletResponse response, String region) {
        String token = io.secplane.security.BearerTokens.presented(request);
        String[] problem = {"No access token: send 'Authorization: Bearer <token from /v3/access_tokens>'."};
        SecureEndpointTokens.Verified v = token == null ? null : seTokens.verify(token, region, problem);
        count(response, v == null ? "se-ip:" + request.getRemoteAddr() : "se-client:" + v.clientId());
        if (v == null) {
            throw unauthorized(problem[0]);
        }
        Products.Provisioned se = products.find(v.orgId(), Products.Product.SECURE_ENDPOINT).orElse(null);
        if (se != null && se.region().equals(v.region()) && !se.active()) {
            throw unauthorized("Secure Endpoint is deactivated for this organization; this token stopped working then.");
        }
        if (se == null || !se.region().equals(v.region()) || !se.integration()) {
            throw unauthorized("The Secure Endpoint - XDR integration of this organization is no longer enabled; "
                    + "this token stopped working when it was disabled.");
        }
        request.setAttribute(SE_CALLER, v);
        // what the client may do is the authorizer's to decide, next, from the current state
        request.setAttribute(io.secplane.access.Principal.ATTRIBUTE,
                io.secplane.access.Principal.apiClient(v.clientId(), v.orgId(), null, java.util.Set.of()));
    }

    private void count(HttpServletResponse response, String bucket) {
        RateLimiter.Outcome rate = limiter.hit(bucket, limit, Duration.ofHours(1));
        response.setHeader("X-RateLimit-Limit", String.valueOf(rate.limit()));
        response.setHeader("X-RateLimit-Remaining", String.valueOf(rate.remaining()));
        response.setHeader("X-RateLimit-Reset", String.valueOf(rate.secondsToReset()));
        response.setHeader("X-RateLimit-ResetDate", rate.resetAt().toString());
        if (!rate.allowed()) {
            throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, "Too many requests this hour; the limit is " + limit + ".")
                    .withHeader(HttpHeaders.RETRY_AFTER, String.valueOf(rate.secondsToReset()));
        }
    }

    static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.INVALID_TOKEN, message).withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

}
