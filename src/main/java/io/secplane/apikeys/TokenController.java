package io.secplane.apikeys;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StreamUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /v1/organizations/{orgId}/apiKeys/{apiKeyId}/token. Real clients send grant_type as a form,
 * as JSON, or in the query, and some label a form body application/json: all are read.
 */
@RestController
public class TokenController {

    public record TokenResponse(String access_token, long expires_in, String refresh_token,
                                long refresh_token_expires_in, String token_type, List<String> permissions) {
    }

    private final ApiKeyService service;
    private final JsonMapper json;

    public TokenController(ApiKeyService service, JsonMapper json) {
        this.service = service;
        this.json = json;
    }

    @PostMapping(path = "/v1/organizations/{orgId}/apiKeys/{apiKeyId}/token", produces = "application/json")
    public ResponseEntity<TokenResponse> refresh(@PathVariable UUID orgId, @PathVariable UUID apiKeyId,
                                                 HttpServletRequest request) throws java.io.IOException {
        String grantType = grantType(request);
        if (grantType == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The parameter 'grant_type' is required; send grant_type=refresh_token.");
        }
        if (!grantType.equals("refresh_token")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_GRANT_TYPE,
                    "The grant_type '" + grantType + "' is not supported here; send grant_type=refresh_token.");
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
        ApiKeyService.Issued issued = service.refresh(orgId, apiKeyId, token);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                .body(new TokenResponse(issued.accessToken(), issued.expiresIn(), issued.refreshToken(),
                        issued.refreshTokenExpiresIn(), "Bearer", issued.scopes()));
    }

    private String grantType(HttpServletRequest request) throws java.io.IOException {
        String fromQuery = request.getParameter("grant_type");
        if (fromQuery != null) {
            return fromQuery;
        }
        String body = StreamUtils.copyToString(request.getInputStream(), StandardCharsets.UTF_8).strip();
        if (body.isEmpty()) {
            return null;
        }
        if (body.startsWith("{")) {
            try {
                Object value = json.readValue(body, Map.class).get("grant_type");
                return value == null ? null : value.toString();
            } catch (tools.jackson.core.JacksonException e) {
                throw ApiException.badRequest("The request body is not valid JSON.");
            }
        }
        List<String> values = UriComponentsBuilder.newInstance().query(body).build(false).getQueryParams().get("grant_type");
        return values == null || values.isEmpty() ? null
                : java.net.URLDecoder.decode(values.get(0), StandardCharsets.UTF_8);
    }
}
