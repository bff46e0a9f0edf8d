package io.secplane.xdr;

import io.secplane.contract.ContractCatalog;
import io.secplane.generated.iroh.api.DiscoveryApi;
import io.secplane.generated.iroh.api.TokensApi;
import io.secplane.generated.iroh.model.IssueToken200Response;
import io.secplane.generated.iroh.model.Jwks200Response;
import io.secplane.web.RequestParameters;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.SecplaneProperties;
import io.secplane.hosts.Host;
import io.secplane.ratelimit.RateLimiter;
import io.secplane.security.SigningKeys;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The XDR token service's token endpoint: client credentials, RFC 6749 section 5.2 to the letter,
 * and the per-org hourly rate limit with its headers on every answer.
 */
@RestController
public class IrohTokenController implements TokensApi, DiscoveryApi {

    private final ApiClientService clients;
    private final IrohTokens tokens;
    private final RateLimiter limiter;
    private final SigningKeys keys;
    private final RequestParameters requests;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String contract;
    private final long limit;

    public IrohTokenController(ApiClientService clients, IrohTokens tokens, RateLimiter limiter,
                               SigningKeys keys, RequestParameters requests,
                               SecplaneProperties properties, HttpServletRequest request, HttpServletResponse response)
            throws java.io.IOException {
        this.clients = clients;
        this.tokens = tokens;
        this.limiter = limiter;
        this.keys = keys;
        this.requests = requests;
        this.request = request;
        this.response = response;
        this.contract = new org.springframework.core.io.ClassPathResource(ContractCatalog.Api.IROH.resource())
                .getContentAsString(StandardCharsets.UTF_8);
        this.limit = properties.rateLimits().irohPerOrgPerHour();
    }

    @Override
    public ResponseEntity<IssueToken200Response> issueToken(String grantTypeIgnored, String scopeIgnored,
            String clientIdIgnored, String clientSecretIgnored, String clientPasswordIgnored) {
        String region = Host.of(request).region();
        Map<String, List<String>> params = requests.of(request);
        String basic = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean usedBasic = basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6);
        try {
            Map<String, List<String>> query = RequestParameters.strict(request).queryParameters();
            for (String secret : List.of("client_id", "client_secret", "client_password")) {
                if (query.containsKey(secret)) {
                    throw new ApiException(ErrorCode.INVALID_REQUEST, "Client credentials must not be sent in the URL "
                            + "(RFC 6749 section 2.3.1): send them with HTTP Basic or in the form body.");
                }
            }
            for (var e : params.entrySet()) {
                if (e.getValue().size() > 1) {
                    throw new ApiException(ErrorCode.INVALID_REQUEST, "The parameter '" + e.getKey() + "' is repeated.");
                }
            }
            String grantType = RequestParameters.first(params, "grant_type");
            if (grantType == null) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "The parameter 'grant_type' is required.");
            }
            String bodyId = RequestParameters.first(params, "client_id");
            String bodySecret = RequestParameters.first(params, "client_secret") != null ? RequestParameters.first(params, "client_secret") : RequestParameters.first(params, "client_password");
            String clientId;
            String secret;
            if (usedBasic) {
                if (bodySecret != null) {
                    throw new ApiException(ErrorCode.INVALID_REQUEST,
                            "The client authenticated in more than one way (HTTP Basic and the request body); use one.");
                }
                String[] pair = decodeBasic(basic.substring(6).trim());
                clientId = pair[0];
                secret = pair[1];
                if (bodyId != null && !bodyId.equals(clientId)) {
                    throw new ApiException(ErrorCode.INVALID_REQUEST, "client_id in the body is not the client of the Authorization header.");
                }
            } else {
                clientId = bodyId;
                secret = bodySecret;
            }
            if (!grantType.equals("client_credentials")) {
                throw new ApiException(ErrorCode.UNSUPPORTED_GRANT_TYPE,
                        "The grant type '" + grantType + "' is not supported; this service issues client_credentials tokens.");
            }
            if (clientId == null || secret == null) {
                throw new ApiException(ErrorCode.INVALID_CLIENT, "Client authentication is required: HTTP Basic with "
                        + "client_id:client_password, or client_id and client_password in the body.");
            }
            ApiClientService.Acting acting = clients.authenticate(clientId, secret, region);
            RateLimiter.Outcome rate = limiter.hit("iroh-org:" + acting.client().orgId(), limit, Duration.ofHours(1));
            rateHeaders(response, rate);
            if (!rate.allowed()) {
                throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, "The organization has used its " + limit
                        + " token requests of this hour.").withHeader(HttpHeaders.RETRY_AFTER, String.valueOf(rate.secondsToReset()));
            }
            Set<String> granted = acting.scopes();
            String asked = RequestParameters.first(params, "scope");
            if (asked != null && !asked.isBlank()) {
                Set<String> wanted = XdrScopes.parse(asked);
                if (wanted == null || !XdrScopes.covers(granted, wanted)) {
                    throw new ApiException(ErrorCode.INVALID_SCOPE, "The scope asked for is not within the client's scopes ("
                            + String.join(" ", granted) + ").");
                }
                granted = wanted;
            }
            IssueToken200Response body = new IssueToken200Response(tokens.issue(acting, granted),
                    IssueToken200Response.TokenTypeEnum.BEARER, IssueToken200Response.ExpiresInEnum.NUMBER_600,
                    String.join(" ", granted));
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
        } catch (ApiException e) {
            if (response.getHeader("X-Ratelimit-Org-Limit") == null) {
                response.setHeader("X-Ratelimit-Org-Limit", String.valueOf(limit));
                response.setHeader("X-Ratelimit-Org-Remaining", String.valueOf(limit));
            }
            if (e.code() == ErrorCode.INVALID_CLIENT && usedBasic) {
                e.withHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"IROH\", charset=\"UTF-8\"");
            }
            throw e;
        }
    }

    private static void rateHeaders(HttpServletResponse response, RateLimiter.Outcome rate) {
        response.setHeader("X-Ratelimit-Org-Limit", String.valueOf(rate.limit()));
        response.setHeader("X-Ratelimit-Org-Remaining", String.valueOf(rate.remaining()));
    }


    /** RFC 6749 2.3.1: the id and password are form-encoded before they are joined for Basic. */
    private static String[] decodeBasic(String value) {
        String raw;
        try {
            raw = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The Basic credentials are not valid base64.");
        }
        int colon = raw.indexOf(':');
        if (colon < 0) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The Basic credentials are not 'client_id:client_password'.");
        }
        return new String[] {java.net.URLDecoder.decode(raw.substring(0, colon), StandardCharsets.UTF_8),
                java.net.URLDecoder.decode(raw.substring(colon + 1), StandardCharsets.UTF_8)};
    }

    @Override
    public ResponseEntity<Jwks200Response> jwks() {
        String region = Host.of(request).region();
        keys.active(IrohTokens.purpose(region));
        var set = keys.publicSet(IrohTokens.purpose(region), IrohTokens.LIFETIME.plusMinutes(5));
        Jwks200Response body = new Jwks200Response();
        body.setKeys(new java.util.ArrayList<Object>((List<?>) set.toJSONObject(true).get("keys")));
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(body);
    }

    @Override
    public ResponseEntity<String> getIrohContract() {
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("application/yaml"))
                .cacheControl(CacheControl.noCache()).body(contract);
    }

    @Override
    public ResponseEntity<Object> metadata() {
        String base = request.getScheme() + "://" + request.getHeader(HttpHeaders.HOST);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", IrohTokens.issuer(Host.of(request).region()));
        m.put("token_endpoint", base + "/iroh/oauth2/token");
        m.put("jwks_uri", base + "/.well-known/jwks");
        m.put("grant_types_supported", List.of("client_credentials"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("response_types_supported", List.of("token"));
        m.put("scopes_supported", XdrScopes.FAMILIES);
        return ResponseEntity.ok(m);
    }
}
