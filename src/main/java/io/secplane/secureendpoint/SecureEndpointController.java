package io.secplane.secureendpoint;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.SecplaneProperties;
import io.secplane.hosts.Host;
import io.secplane.products.Products;
import io.secplane.ratelimit.RateLimiter;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.xdr.ApiClientService;
import io.secplane.xdr.IrohRequests;
import io.secplane.xdr.IrohTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Secure Endpoint API v3: the token exchange and the organizations an API client may see.
 * Every answer, refusals included, carries the rate-limit headers.
 */
@RestController
public class SecureEndpointController {

    private static final int MAX_SIZE = 500;
    private final IrohTokens iroh;
    private final SecureEndpointTokens seTokens;
    private final ApiClientService clients;
    private final Products products;
    private final IrohRequests requests;
    private final RateLimiter limiter;
    private final long limit;

    public SecureEndpointController(IrohTokens iroh, SecureEndpointTokens seTokens, ApiClientService clients,
                                    Products products, IrohRequests requests, RateLimiter limiter,
                                    SecplaneProperties properties) {
        this.iroh = iroh;
        this.seTokens = seTokens;
        this.clients = clients;
        this.products = products;
        this.requests = requests;
        this.limiter = limiter;
        this.limit = properties.rateLimits().secureEndpointPerClientPerHour();
    }

    @PostMapping(path = "/v3/access_tokens", produces = "application/json")
    public ResponseEntity<Map<String, Object>> accessToken(HttpServletRequest request, HttpServletResponse response) {
        String region = Host.of(request).region();
        String token = bearer(request);
        IrohTokens.Verified v = null;
        String problem = null;
        if (token == null) {
            problem = "No IROH access token: send 'Authorization: Bearer <token from the XDR token service>'.";
        } else {
            try {
                v = iroh.verify(token, region);
            } catch (IrohTokens.Refused e) {
                problem = switch (e.why()) {
                    case EXPIRED -> "The IROH access token has expired; get a new one from the XDR token service.";
                    case SIGNATURE -> "The IROH access token's signature is not valid (was it changed?).";
                    case OTHER_REGION -> "The IROH access token was issued in another region; "
                            + "use the token service and the Secure Endpoint API of the same region.";
                    case MALFORMED -> "The bearer token is not an IROH access token.";
                };
            }
        }
        count(response, v == null ? "se-ip:" + request.getRemoteAddr() : "se-client:" + v.clientId());
        if (v == null) {
            throw unauthorized(problem);
        }
        String grant = IrohRequests.first(requests.parameters(request), "grant_type");
        if (grant != null && !grant.equals("client_credentials")) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "grant_type must be client_credentials, or left out.");
        }
        ApiClientService.Acting acting;
        try {
            acting = clients.acting(v.clientId());
        } catch (ApiException e) {
            throw unauthorized(e.getMessage());
        }
        Products.Provisioned se = products.find(v.orgId(), Products.Product.SECURE_ENDPOINT).orElse(null);
        if (se == null || !se.region().equals(region)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Secure Endpoint is not provisioned for this organization in "
                    + "this region; provision Secure Endpoint first.");
        }
        if (!se.integration()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "The Secure Endpoint - XDR integration is not enabled: click "
                    + "Integrate Now on the Secure Endpoint dashboard, then enable Secure Endpoint under "
                    + "Administration -> Integrations in XDR.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", seTokens.issue(acting.client().id(), v.orgId(), v.userId(), region));
        body.put("token_type", "bearer");
        body.put("expires_in", SecureEndpointTokens.LIFETIME.toSeconds());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @GetMapping(path = "/v3/organizations", produces = "application/json")
    public Map<String, Object> organizations(HttpServletRequest request, HttpServletResponse response) {
        SecureEndpointTokens.Verified v = authorize(request, response);
        Map<String, List<String>> params = requests.parameters(request);
        long start = number(IrohRequests.first(params, "start"), "start", 0, 0, Long.MAX_VALUE / 2);
        int size = (int) number(IrohRequests.first(params, "size"), "size", 100, 1, MAX_SIZE);
        long total = products.countSeOrganizations(v.orgId(), v.region());
        List<Map<String, Object>> data = products.seOrganizations(v.orgId(), v.region(), start, size).stream()
                .map(SecureEndpointController::view).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("start", start);
        meta.put("size", size);
        meta.put("total", total);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta);
        body.put("data", data);
        return body;
    }

    @GetMapping(path = "/v3/organizations/{identifier}", produces = "application/json")
    public Map<String, Object> organization(@PathVariable String identifier, HttpServletRequest request,
                                            HttpServletResponse response) {
        SecureEndpointTokens.Verified v = authorize(request, response);
        Products.SeOrganization org = products.seOrganization(v.orgId(), v.region(), identifier)
                .orElseThrow(() -> ApiException.notFound("Organization " + identifier + " not found."));
        return Map.of("data", view(org));
    }

    private SecureEndpointTokens.Verified authorize(HttpServletRequest request, HttpServletResponse response) {
        String token = bearer(request);
        String[] problem = {"No access token: send 'Authorization: Bearer <token from /v3/access_tokens>'."};
        SecureEndpointTokens.Verified v = token == null ? null : seTokens.verify(token, Host.of(request).region(), problem);
        count(response, v == null ? "se-ip:" + request.getRemoteAddr() : "se-client:" + v.clientId());
        if (v == null) {
            throw unauthorized(problem[0]);
        }
        try {
            clients.acting(v.clientId());
        } catch (ApiException e) {
            throw unauthorized(e.getMessage());
        }
        return v;
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

    private static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.INVALID_TOKEN, message).withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    private static String bearer(HttpServletRequest request) {
        String h = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).isBlank()) {
            return null;
        }
        return h.substring(7).trim();
    }


    private static long number(String value, String name, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "'" + name + "' must be a whole number, got '" + value + "'.");
        }
        if (n < min || n > max) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "'" + name + "' must be between " + min + " and " + max + ".");
        }
        return n;
    }

    private static Map<String, Object> view(Products.SeOrganization o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("organizationIdentifier", o.identifier());
        return m;
    }
}
