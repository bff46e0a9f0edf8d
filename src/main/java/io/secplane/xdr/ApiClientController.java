package io.secplane.xdr;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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
public class ApiClientController {

    public record CreateRequest(String name, String scopes, String description) {
    }

    public record UpdateRequest(String name, String scopes, String description, Boolean enabled) {
    }

    public record IntegrationRequest(Boolean enabled) {
    }

    private final ApiClientService clients;
    private final IrohTokens tokens;
    private final Products products;

    public ApiClientController(ApiClientService clients, IrohTokens tokens, Products products) {
        this.clients = clients;
        this.tokens = tokens;
        this.products = products;
    }

    @GetMapping(path = "/iroh/oauth2/clients", produces = "application/json")
    public List<Map<String, Object>> list(HttpServletRequest request) {
        UUID org = admin(request, false).orgId();
        return clients.list(org).stream().map(c -> view(c, null)).toList();
    }

    @PostMapping(path = "/iroh/oauth2/clients", consumes = "application/json", produces = "application/json")
    public ResponseEntity<Map<String, Object>> create(@RequestBody CreateRequest body, HttpServletRequest request) {
        IrohTokens.Verified caller = admin(request, true);
        ApiClientService.Created created = clients.create(caller.orgId(), caller.userId(),
                body.name(), body.scopes(), body.description());
        return ResponseEntity.created(URI.create("/iroh/oauth2/clients/" + created.client().id()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(view(created.client(), created.password()));
    }

    @GetMapping(path = "/iroh/oauth2/clients/{clientId}", produces = "application/json")
    public Map<String, Object> get(@PathVariable String clientId, HttpServletRequest request) {
        return view(clients.get(admin(request, false).orgId(), clientId), null);
    }

    @PatchMapping(path = "/iroh/oauth2/clients/{clientId}", consumes = "application/json", produces = "application/json")
    public Map<String, Object> update(@PathVariable String clientId, @RequestBody UpdateRequest body,
                                      HttpServletRequest request) {
        UUID org = admin(request, true).orgId();
        return view(clients.update(org, clientId, body.name(), body.description(), body.scopes(), body.enabled()), null);
    }

    @DeleteMapping(path = "/iroh/oauth2/clients/{clientId}")
    public ResponseEntity<Void> delete(@PathVariable String clientId, HttpServletRequest request) {
        clients.delete(admin(request, true).orgId(), clientId);
        return ResponseEntity.noContent().build();
    }

    /** The XDR side of the Secure Endpoint integration (Administration -> Integrations -> Enable). */
    @PostMapping(path = "/iroh/integrations/secure-endpoint", consumes = "application/json", produces = "application/json")
    public Map<String, Object> integration(@RequestBody IntegrationRequest body, HttpServletRequest request) {
        UUID org = admin(request, true).orgId();
        boolean enabled = body == null || body.enabled() == null || body.enabled();
        if (!products.setIntegration(org, enabled)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Secure Endpoint is not provisioned for this organization.");
        }
        return Map.of("product", "secure-endpoint", "enabled", enabled);
    }

    private IrohTokens.Verified admin(HttpServletRequest request, boolean write) {
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

    private static Map<String, Object> view(ApiClient c, String password) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client-id", c.id());
        if (password != null) {
            m.put("password", password);
        }
        m.put("name", c.name());
        m.put("description", c.description());
        m.put("scopes", List.copyOf(c.scopes()));
        m.put("enabled", c.enabled());
        m.put("region", c.region());
        m.put("owner-id", c.createdBy().toString());
        m.put("org-id", c.orgId().toString());
        m.put("created-at", c.created().toString());
        return m;
    }
}
