package io.secplane.apikeys;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.access.Authorizer;
import io.secplane.generated.scc.api.ApiKeysApi;
import io.secplane.generated.scc.model.ApiKey;
import io.secplane.generated.scc.model.CreateApiKey;
import io.secplane.generated.scc.model.ListApiKeys200Response;
import io.secplane.generated.scc.model.NewApiKey;
import io.secplane.generated.scc.model.UpdateApiKey;
import io.secplane.roles.RoleRepository;
import io.secplane.roles.RoleViews;

/** API keys through the API (an extension): what the console's API key page does. */
@RestController
public class ApiKeyController implements ApiKeysApi {

    private final ApiKeyService service;
    private final Authorizer authz;
    private final RoleRepository roles;

    public ApiKeyController(ApiKeyService service, Authorizer authz, RoleRepository roles) {
        this.service = service;
        this.authz = authz;
        this.roles = roles;
    }

    @Override
    public ResponseEntity<NewApiKey> createApiKey(UUID orgId, CreateApiKey body) {
        Instant expires = body.getExpiresAt() == null ? null : body.getExpiresAt().toInstant();
        ApiKeyService.Issued issued = service.createFor(authz.current(), orgId, body.getName(), body.getDescription(),
                expires, body.getRoles());
        NewApiKey out = new NewApiKey(view(service.get(orgId, issued.apiKeyId())), issued.accessToken(),
                (int) issued.expiresIn(), issued.refreshToken(), (int) issued.refreshTokenExpiresIn(),
                NewApiKey.TokenTypeEnum.BEARER);
        return ResponseEntity.created(URI.create("/v1/organizations/" + orgId + "/apiKeys/" + issued.apiKeyId()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(out);
    }

    @Override
    public ResponseEntity<ListApiKeys200Response> listApiKeys(UUID orgId) {
        return ResponseEntity.ok(new ListApiKeys200Response(service.list(orgId).stream().map(this::view).toList()));
    }

    @Override
    public ResponseEntity<ApiKey> getApiKey(UUID orgId, UUID apiKeyId) {
        return ResponseEntity.ok(view(service.get(orgId, apiKeyId)));
    }

    @Override
    public ResponseEntity<ApiKey> updateApiKey(UUID orgId, UUID apiKeyId, UpdateApiKey body) {
        return ResponseEntity.ok(view(service.update(orgId, apiKeyId, body.getName(), body.getDescription(),
                body.getEnabled())));
    }

    @Override
    public ResponseEntity<Void> deleteApiKey(UUID orgId, UUID apiKeyId) {
        service.delete(orgId, apiKeyId);
        return ResponseEntity.noContent().build();
    }

    private ApiKey view(ApiKeyRepository.Key k) {
        ApiKey v = new ApiKey(k.id(), k.name(), ApiKey.StatusEnum.fromValue(k.status()),
                RoleViews.refs(k.roles().stream().map(r -> roles.find(k.orgId(), r).orElse(null))
                        .filter(java.util.Objects::nonNull).toList()),
                k.created().atOffset(ZoneOffset.UTC));
        v.setDescription(k.description());
        v.setExpiresAt(k.expiresAt() == null ? null : k.expiresAt().atOffset(ZoneOffset.UTC));
        v.setCreatedBy(k.createdBy());
        return v;
    }
}
