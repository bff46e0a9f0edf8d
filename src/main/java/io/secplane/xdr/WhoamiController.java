package io.secplane.xdr;

import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.access.Access;
import io.secplane.access.Authorizer;
import io.secplane.access.Principal;
import io.secplane.generated.iroh.api.ProfileApi;
import io.secplane.generated.iroh.model.Whoami200Response;
import io.secplane.generated.iroh.model.Whoami200ResponseClient;
import io.secplane.generated.iroh.model.Whoami200ResponseOrg;
import io.secplane.generated.iroh.model.Whoami200ResponseUser;
import io.secplane.organizations.OrganizationRepository;
import io.secplane.users.UserRepository;
import io.secplane.web.ApiException;

/** Who an XDR access token speaks for, as the XDR module's {@code profile.whoami} reads it. */
@RestController
public class WhoamiController implements ProfileApi {

    private final Authorizer authz;
    private final ApiClientService clients;
    private final UserRepository users;
    private final OrganizationRepository orgs;

    public WhoamiController(Authorizer authz, ApiClientService clients, UserRepository users, OrganizationRepository orgs) {
        this.authz = authz;
        this.clients = clients;
        this.users = users;
        this.orgs = orgs;
    }

    @Override
    public ResponseEntity<Whoami200Response> whoami() {
        Access access = authz.current();
        Principal p = io.secplane.access.Authentication.current();
        ApiClient client = clients.get(p.orgId(), p.id());
        var user = users.find(p.orgId(), access.actingUser())
                .orElseThrow(() -> ApiException.notFound("The user this client acts for no longer exists."));
        var org = orgs.find(p.orgId()).orElseThrow(() -> ApiException.notFound("The client's organization no longer exists."));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Whoami200Response(
                new Whoami200ResponseUser(user.id().toString(), user.email(), (java.util.Objects.toString(user.firstName(), "") + " "
                        + java.util.Objects.toString(user.lastName(), "")).strip()),
                new Whoami200ResponseOrg(org.id().toString(), org.name()),
                new Whoami200ResponseClient(client.id(), client.name()),
                List.copyOf(new java.util.TreeSet<>(Authorizer.scopesHeldNow(p, access)))));
    }
}
