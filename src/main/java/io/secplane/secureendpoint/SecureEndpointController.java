package io.secplane.secureendpoint;

import io.secplane.generated.se.api.OrganizationsApi;
import io.secplane.generated.se.api.TokensApi;
import io.secplane.generated.se.model.ExchangeToken200Response;
import io.secplane.generated.se.model.GetOrganization200Response;
import io.secplane.generated.se.model.ListOrganizations200Response;
import io.secplane.generated.se.model.ListOrganizations200ResponseMeta;
import io.secplane.generated.se.model.Organization;
import io.secplane.web.RequestParameters;

import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.hosts.Host;
import io.secplane.products.Products;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.xdr.ApiClientService;
import io.secplane.xdr.IrohTokens;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The Secure Endpoint API v3: the token exchange and the organizations an API client may see.
 * Every answer, refusals included, carries the rate-limit headers.
 */
@RestController
public class SecureEndpointController implements TokensApi, OrganizationsApi {

    private final SecureEndpointTokens seTokens;
    private final ApiClientService clients;
    private final Products products;
    private final RequestParameters requests;
    private final HttpServletRequest request;
    private final V3Requests v3;

    public SecureEndpointController(SecureEndpointTokens seTokens, ApiClientService clients, Products products,
                                    RequestParameters requests, HttpServletRequest request, V3Requests v3) {
        this.v3 = v3;
        this.seTokens = seTokens;
        this.clients = clients;
        this.products = products;
        this.requests = requests;
        this.request = request;
    }

    /**
     * Mapped again here without the generated {@code consumes}: real scripts send no body and no
     * Content-Type at all, or a form; both are read (the contract's description says so).
     */
    @Override
    @org.springframework.web.bind.annotation.PostMapping(path = TokensApi.PATH_EXCHANGE_TOKEN, produces = "application/json")
    public ResponseEntity<ExchangeToken200Response> exchangeToken(
            @org.springframework.web.bind.annotation.RequestParam(value = "grant_type", required = false) String grantTypeIgnored) {
        String region = Host.of(request).region();
        // the client the IROH token named (the authentication step)
        io.secplane.access.Principal v = io.secplane.access.Authentication.current();
        String grant = RequestParameters.first(requests.of(request), "grant_type");
        if (grant != null && !grant.equals("client_credentials")) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "grant_type must be client_credentials, or left out.");
        }
        Products.Provisioned se = products.find(v.orgId(), Products.Product.SECURE_ENDPOINT).orElse(null);
        if (se == null || !se.region().equals(region)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Secure Endpoint is not provisioned for this organization in "
                    + "this region; provision Secure Endpoint first.");
        }
        if (!se.active()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Secure Endpoint is deactivated for this organization; "
                    + "activate it in its subscription first.");
        }
        if (!se.integration()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "The Secure Endpoint - XDR integration is not enabled: click "
                    + "Integrate Now on the Secure Endpoint dashboard, then enable Secure Endpoint under "
                    + "Administration -> Integrations in XDR.");
        }
        ExchangeToken200Response body = new ExchangeToken200Response(
                seTokens.issue(v.id(), v.orgId(), v.userId(), region));
        body.setTokenType("bearer");
        body.setExpiresIn((int) SecureEndpointTokens.LIFETIME.toSeconds());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @Override
    public ResponseEntity<ListOrganizations200Response> listOrganizations(Integer startIgnored, Integer sizeIgnored) {
        io.secplane.access.Principal v = io.secplane.access.Authentication.current();
        String region = Host.of(request).region();
        // start and size come in the query or, from some clients, as a form body on the GET
        V3Requests.Page page = v3.page();
        int start = page.start();
        int size = page.size();
        long total = products.countSeOrganizations(v.orgId(), region);
        List<Organization> data = products.seOrganizations(v.orgId(), region, start, size).stream()
                .map(SecureEndpointController::view).toList();
        return ResponseEntity.ok(new ListOrganizations200Response(
                new ListOrganizations200ResponseMeta(start, size, (int) Math.min(total, Integer.MAX_VALUE)), data));
    }

    @Override
    public ResponseEntity<GetOrganization200Response> getOrganization(String identifier) {
        io.secplane.access.Principal v = io.secplane.access.Authentication.current();
        Products.SeOrganization org = products.seOrganization(v.orgId(), Host.of(request).region(), identifier)
                .orElseThrow(() -> ApiException.notFound("Organization " + identifier + " not found."));
        return ResponseEntity.ok(new GetOrganization200Response(view(org)));
    }

    private static Organization view(Products.SeOrganization o) {
        return new Organization(o.name(), o.identifier());
    }
}
