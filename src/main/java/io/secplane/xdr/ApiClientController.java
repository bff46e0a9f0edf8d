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
        // the new client acts for the same user, whose role narrows it at every use: it cannot do more than the user
        Caller caller = admin(true);
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

    /** Who calls, and the scopes they hold now: the token's, narrowed by the client's and its user's current state. */
    private record Caller(IrohTokens.Verified token, java.util.Set<String> scopes) {
        UUID orgId() {
            return token.orgId();
        }

        UUID userId() {
            return token.userId();
        }
    }

    /**
     * The caller of a management operation, decided now: a token's scopes count only as far as its
     * client still holds them and the client's user still may (a client narrowed, or whose user lost
     * the administrator role, loses the admin operations on its next request, whatever its token says).
     */
    private Caller admin(boolean write) {
        String presented = io.secplane.security.BearerTokens.presented(request);
        if (presented == null) {
            throw new ApiException(ErrorCode.MISSING_TOKEN, "No access token: send 'Authorization: Bearer <IROH token>'.")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"IROH\"");
        }
        IrohTokens.Verified v;
        ApiClientService.Acting acting;
        try {
            v = tokens.verify(presented, Host.of(request).region());
            acting = clients.acting(v.clientId());
        } catch (IrohTokens.Refused | ApiException e) {
            throw new ApiException(ErrorCode.INVALID_JWT, e.getMessage())
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"IROH\", error=\"invalid_token\"");
        }
        java.util.Set<String> now = new java.util.LinkedHashSet<>();
        for (String scope : v.scopes()) {
            if (XdrScopes.covers(acting.scopes(), java.util.Set.of(scope))) {
                now.add(scope);
            }
        }
        boolean ok = XdrScopes.covers(now, java.util.Set.of("admin:write"))
                || !write && XdrScopes.covers(now, java.util.Set.of("admin:read"));
        if (!ok) {
            throw new ApiException(ErrorCode.INSUFFICIENT_SCOPE, "This operation needs the XDR scope admin"
                    + (write ? "" : " (or admin:read)") + ", held now by the client and the user it acts for.");
        }
        return new Caller(v, now);
    }

    private static ModelApiClient view(ApiClient c, String password) {
        ModelApiClient m = new ModelApiClient(c.id(), c.name(), List.copyOf(c.scopes()), c.enabled(), c.region(),
                c.createdBy().toString(), c.orgId().toString(), c.created().atOffset(ZoneOffset.UTC));
        m.setPassword(password);
        m.setDescription(c.description());
        return m;
    }
}
