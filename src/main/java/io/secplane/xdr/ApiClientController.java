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
import io.secplane.products.Products;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * Managing API clients (and the Secure Endpoint integration) with an IROH token of the XDR
 * {@code admin} scope: what the console's Administration pages do, as an API.
 */
@RestController
public class ApiClientController implements ApiClientsApi, IntegrationsApi {

    private final ApiClientService clients;
    private final Products products;
    private final io.secplane.access.Authorizer authz;

    public ApiClientController(ApiClientService clients, Products products, io.secplane.access.Authorizer authz) {
        this.clients = clients;
        this.products = products;
        this.authz = authz;
    }

    @Override
    public ResponseEntity<List<ModelApiClient>> listClients() {
        UUID org = caller().orgId();
        return ResponseEntity.ok(clients.list(org).stream().map(c -> view(c, null)).toList());
    }

    @Override
    public ResponseEntity<ModelApiClient> createClient(CreateClientRequest body) {
        // the new client acts for the same user, whose role narrows it at every use: it cannot do more than the user
        io.secplane.access.Access caller = authz.current();
        ApiClientService.Created created = clients.create(caller.homeOrg(), caller.actingUser(),
                body.getName(), body.getScopes(), body.getDescription());
        return ResponseEntity.created(URI.create("/iroh/oauth2/clients/" + created.client().id()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(view(created.client(), created.password()));
    }

    @Override
    public ResponseEntity<ModelApiClient> getClient(String clientId) {
        return ResponseEntity.ok(view(clients.get(caller().orgId(), clientId), null));
    }

    @Override
    public ResponseEntity<ModelApiClient> updateClient(String clientId, UpdateClientRequest body) {
        UUID org = caller().orgId();
        return ResponseEntity.ok(view(clients.update(org, clientId, body.getName(), body.getDescription(),
                body.getScopes(), body.getEnabled()), null));
    }

    @Override
    public ResponseEntity<Void> deleteClient(String clientId) {
        clients.delete(caller().orgId(), clientId);
        return ResponseEntity.noContent().build();
    }

    /** The XDR side of the Secure Endpoint integration (Administration -> Integrations -> Enable). */
    @Override
    public ResponseEntity<SetSecureEndpointIntegration200Response> setSecureEndpointIntegration(
            SetSecureEndpointIntegrationRequest body) {
        UUID org = caller().orgId();
        boolean enabled = body == null || body.getEnabled() == null || body.getEnabled();
        clients.setIntegration(org, enabled);
        return ResponseEntity.ok(new SetSecureEndpointIntegration200Response("secure-endpoint", enabled));
    }

    /** The caller, as the authorizer let it in (the XDR admin scope, held now by the client and its user). */
    private io.secplane.access.Principal caller() {
        return authz.current().principal();
    }

    private static ModelApiClient view(ApiClient c, String password) {
        ModelApiClient m = new ModelApiClient(c.id(), c.name(), List.copyOf(c.scopes()), c.enabled(), c.region(),
                c.createdBy().toString(), c.orgId().toString(), c.created().atOffset(ZoneOffset.UTC));
        m.setPassword(password);
        m.setDescription(c.description());
        return m;
    }
}
