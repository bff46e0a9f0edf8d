package io.secplane.xdr;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.iroh.api.ApiClientsApi;
import io.secplane.generated.iroh.api.IntegrationsApi;
import io.secplane.generated.iroh.model.CreateClientRequest;
import io.secplane.generated.iroh.model.ModelApiClient;
import io.secplane.generated.iroh.model.SetSecureEndpointIntegration200Response;
import io.secplane.generated.iroh.model.SetSecureEndpointIntegrationRequest;
import io.secplane.generated.iroh.model.UpdateClientRequest;
import io.secplane.hosts.Host;
import io.secplane.products.Products;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Managing API clients (and the Secure Endpoint integration) with an IROH token of the XDR
 * {@code admin} scope: what the console's Administration pages do, as an API.
 */
@RestController
public class ApiClientController implements ApiClientsApi, IntegrationsApi {

    private final ApiClientService clients;
    private final IrohTokens tokens;
    private final Products products;
    private final HttpServletRequest request;

    public ApiClientController(ApiClientService clients, IrohTokens tokens, Products products, HttpServletRequest request) {
        this.clients = clients;
        this.tokens = tokens;
        this.products = products;
        this.request = request;
    }

    @Override
    public ResponseEntity<List<ModelApiClient>> listClients() {
        UUID org = admin(false).orgId();
        return ResponseEntity.ok(clients.list(org).stream().map(c -> view(c, null)).toList());
    }

    @Override
    public ResponseEntity<ModelApiClient> createClient(CreateClientRequest body) {
        IrohTokens.Verified caller = admin(true);
        ApiClientService.Created created = clients.create(caller.orgId(), caller.userId(),
                body.getName(), body.getScopes(), body.getDescription());
        return ResponseEntity.created(URI.create("/iroh/oauth2/clients/" + created.client().id()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(view(created.client(), created.password()));
    }

    @Override
    public ResponseEntity<ModelApiClient> getClient(String clientId) {
        return ResponseEntity.ok(view(clients.get(admin(false).orgId(), clientId), null));
    }

    @Override
    public ResponseEntity<ModelApiClient> updateClient(String clientId, UpdateClientRequest body) {
        UUID org = admin(true).orgId();
        return ResponseEntity.ok(view(clients.update(org, clientId, body.getName(), body.getDescription(),
                body.getScopes(), body.getEnabled()), null));
    }

    @Override
    public ResponseEntity<Void> deleteClient(String clientId) {
        clients.delete(admin(true).orgId(), clientId);
        return ResponseEntity.noContent().build();
    }

    /** The XDR side of the Secure Endpoint integration (Administration -> Integrations -> Enable). */
    @Override
    public ResponseEntity<SetSecureEndpointIntegration200Response> setSecureEndpointIntegration(
            SetSecureEndpointIntegrationRequest body) {
        UUID org = admin(true).orgId();
        boolean enabled = body == null || body.getEnabled() == null || body.getEnabled();
        if (!products.setIntegration(org, enabled)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Secure Endpoint is not provisioned for this organization.");
        }
        return ResponseEntity.ok(new SetSecureEndpointIntegration200Response("secure-endpoint", enabled));
    }

    private IrohTokens.Verified admin(boolean write) {
        String h = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(ErrorCode.MISSING_TOKEN, "No access token: send 'Authorization: Bearer <IROH token>'.")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"IROH\"");
        }
        IrohTokens.Verified v;
        try {
            v = tokens.verify(h.substring(7).trim(), Host.of(request).region());
            clients.acting(v.clientId());
        } catch (IrohTokens.Refused | ApiException e) {
            throw new ApiException(ErrorCode.INVALID_JWT, e.getMessage())
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"IROH\", error=\"invalid_token\"");
        }
        boolean ok = v.scopes().contains("admin") || v.scopes().contains("admin:write")
                || (!write && v.scopes().contains("admin:read"));
        if (!ok) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "This operation needs the XDR scope admin"
                    + (write ? "" : " (or admin:read)") + ".");
        }
        return v;
    }

    private static ModelApiClient view(ApiClient c, String password) {
        ModelApiClient m = new ModelApiClient(c.id(), c.name(), List.copyOf(c.scopes()), c.enabled(), c.region(),
                c.createdBy().toString(), c.orgId().toString(), c.created().atOffset(ZoneOffset.UTC));
        m.setPassword(password);
        m.setDescription(c.description());
        return m;
    }
}
