package io.secplane.xdr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.products.Products;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.Fields;

/**
 * API clients: registered in an org that has XDR, shown their password once, and acting with the
 * permissions of the user who made them, as that user stands now (checked on every use).
 */
@Service
public class ApiClientService {

    /** A client as it may act right now, the user it acts for and its org's name (for its tokens' claims). */
    public record Acting(ApiClient client, ApiClientRepository.Actor actor, Set<String> scopes, String orgName) {
    }

    /** A new client and its password, which is never shown again. */
    public record Created(ApiClient client, String password) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private final ApiClientRepository repository;
    private final Products products;
    private final io.secplane.access.AccessResolver access;
    private final io.secplane.audit.AuditLog audit;

    public ApiClientService(ApiClientRepository repository, Products products, io.secplane.access.AccessResolver access,
                            io.secplane.audit.AuditLog audit) {
        this.repository = repository;
        this.products = products;
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    public Created create(UUID orgId, UUID userId, String name, String scopes, String description) {
        Products.Provisioned xdr = products.find(orgId, Products.Product.XDR).orElseThrow(() -> new ApiException(
                ErrorCode.FORBIDDEN, "XDR is not provisioned for this organization; API clients need it."));
        if (!xdr.active()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "XDR is deactivated for this organization; activate it in its subscription first.");
        }
        Fields f = new Fields();
        String n = f.text("name", name, true, 255);
        String d = f.text("description", description, false, 1024);
        Set<String> s = XdrScopes.parse(scopes);
        if (s == null) {
            f.problem("scopes", "holds a scope that is not an XDR scope; scopes are " + String.join(", ", XdrScopes.FAMILIES)
                    + ", each alone or with :read or :write");
        } else if (s.isEmpty()) {
            f.problem("scopes", "must name at least one scope");
        }
        f.check();
        String password = password();
        Instant now = Instant.now();
        ApiClient client = new ApiClient("client-" + UUID.randomUUID(), orgId, xdr.region(), n, d, s, digest(password),
                "ENABLED", userId, now, now);
        repository.insert(client);
        audit.changed(orgId, "clients/" + client.id());
        return new Created(client, password);
    }

    /**
     * The client authenticated by its password in the given region, as it may act now: the client, its
     * user and its org are read in one statement (no transaction needed for one snapshot), what the
     * user may do is the access resolver's.
     */
    public Acting authenticate(String clientId, String password, String region) {
        ApiClientRepository.Credentials found = repository.credentials(clientId).orElse(null);
        if (found == null || !MessageDigest.isEqual(found.client().secretDigest().getBytes(StandardCharsets.US_ASCII),
                digest(password).getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(ErrorCode.INVALID_CLIENT, "Client authentication failed: unknown client or wrong password.");
        }
        ApiClient client = found.client();
        if (!client.region().equals(region)) {
            throw new ApiException(ErrorCode.INVALID_CLIENT, "Client authentication failed: this client is registered "
                    + "in another region; use that region's token service.");
        }
        io.secplane.access.Access now = access.resolve(
                io.secplane.access.Principal.apiClient(client.id(), client.orgId(), client.createdBy(), Set.of()));
        if (now.problem() != null) {
            throw new ApiException(ErrorCode.INVALID_CLIENT, now.problem());
        }
        if (found.actor() == null) {
            throw new ApiException(ErrorCode.INVALID_CLIENT, "The user who made this API client no longer exists.");
        }
        return new Acting(client, found.actor(), now.xdrScopes(), found.orgName());
    }

    /** The XDR side of the Secure Endpoint integration. */
    @Transactional
    public void setIntegration(UUID orgId, boolean enabled) {
        if (!products.setIntegration(orgId, enabled)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Secure Endpoint is not provisioned for this organization.");
        }
        audit.changed(orgId, "integrations/secure-endpoint");
    }

    @Transactional(readOnly = true)
    public List<ApiClient> list(UUID orgId) {
        return repository.list(orgId);
    }

    @Transactional(readOnly = true)
    public ApiClient get(UUID orgId, String id) {
        return repository.find(orgId, id).orElseThrow(() -> ApiException.notFound("API client " + id + " not found."));
    }

    /** Changes the fields given (name, description, scopes, enabled); the others stay. */
    @Transactional
    public ApiClient update(UUID orgId, String id, String name, String description, String scopes, Boolean enabled) {
        ApiClient c = get(orgId, id);
        Fields f = new Fields();
        String n = name == null ? c.name() : f.text("name", name, true, 255);
        String d = description == null ? c.description() : f.text("description", description, false, 1024);
        Set<String> s = scopes == null ? c.scopes() : XdrScopes.parse(scopes);
        if (s == null || s.isEmpty()) {
            f.problem("scopes", "must be one or more XDR scopes");
        }
        f.check();
        String status = enabled == null ? c.status() : enabled ? "ENABLED" : "DISABLED";
        repository.update(orgId, id, n, d, String.join(" ", s), status);
        audit.changed(orgId, "clients/" + id);
        access.callerChanged(io.secplane.access.Principal.Kind.API_CLIENT, id);
        return get(orgId, id);
    }

    @Transactional
    public void delete(UUID orgId, String id) {
        if (!repository.delete(orgId, id)) {
            throw ApiException.notFound("API client " + id + " not found.");
        }
        audit.changed(orgId, "clients/" + id);
        access.callerChanged(io.secplane.access.Principal.Kind.API_CLIENT, id);
    }

    private static String password() {
        StringBuilder sb = new StringBuilder(54);
        for (int i = 0; i < 54; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }

    static String digest(String secret) {
        return io.secplane.security.Digests.sha256Hex(secret);
    }
}
