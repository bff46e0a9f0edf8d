package io.secplane.apikeys;

import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.scc.api.RefreshTokenApi;
import io.secplane.generated.scc.model.TokenResponse;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.RequestParameters;
import jakarta.servlet.http.HttpServletRequest;

/**
 * POST /v1/organizations/{orgId}/apiKeys/{apiKeyId}/token. Real clients send grant_type as a form,
 * as JSON, or in the query, and some label a form body application/json: all are read.
 */
@RestController
public class TokenController implements RefreshTokenApi {

    private final ApiKeyService service;
    private final RequestParameters parameters;
    private final HttpServletRequest request;

    public TokenController(ApiKeyService service, RequestParameters parameters, HttpServletRequest request) {
        this.service = service;
        this.parameters = parameters;
        this.request = request;
    }

    @Override
    public ResponseEntity<TokenResponse> refreshToken(UUID orgId, UUID apiKeyId, String ignored) {
        String grantType = RequestParameters.first(parameters.of(request), "grant_type");
        if (grantType == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The parameter 'grant_type' is required; send grant_type=refresh_token.");
        }
        if (!grantType.equals("refresh_token")) {
            throw new ApiException(ErrorCode.UNSUPPORTED_GRANT_TYPE,
                    "The grant_type '" + grantType + "' is not supported here; send grant_type=refresh_token.");
        }
        String token = io.secplane.security.BearerTokens.presented(request);
        ApiKeyService.Issued issued = service.refresh(orgId, apiKeyId, token);
        List<TokenResponse.PermissionsEnum> permissions = issued.scopes().stream()
                .map(TokenResponse.PermissionsEnum::fromValue).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                .body(new TokenResponse(issued.accessToken(), (int) issued.expiresIn(), issued.refreshToken(),
                        (int) issued.refreshTokenExpiresIn(), TokenResponse.TokenTypeEnum.BEARER, permissions));
    }
}
