package io.secplane.secureendpoint.fleet;

import java.time.Instant;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.se.api.GroupsAndComputersApi;
import io.secplane.generated.se.model.ComputerEnvelope;
import io.secplane.generated.se.model.ComputerPage;
import io.secplane.generated.se.model.GetGroup200Response;
import io.secplane.generated.se.model.ListGroups200Response;
import io.secplane.generated.se.model.MoveComputerRequest;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;

/** Secure Endpoint v3: the groups and computers of an organization. */
@RestController
public class FleetController implements GroupsAndComputersApi {

    private static final Set<String> OPERATING_SYSTEMS = Set.of("windows", "mac", "linux", "android", "ios");
    private final FleetService fleet;
    private final V3Requests v3;

    public FleetController(FleetService fleet, V3Requests v3) {
        this.fleet = fleet;
        this.v3 = v3;
    }

    @Override
    public ResponseEntity<ListGroups200Response> listGroups(String organizationIdentifier, Integer start, Integer size,
                                                            String name) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page();
        return ResponseEntity.ok(FleetViews.groupPage(page, fleet.groups(org, v3.text("name", 255), page)));
    }

    @Override
    public ResponseEntity<GetGroup200Response> getGroup(String organizationIdentifier, String groupGuid) {
        return ResponseEntity.ok(new GetGroup200Response(V3Requests.VERSION,
                FleetViews.group(fleet.group(v3.organization(organizationIdentifier), groupGuid))));
    }

    @Override
    public ResponseEntity<ComputerPage> listComputers(String organizationIdentifier, Integer start, Integer size,
                                                      String hostname, String groupGuid, String operatingSystem,
                                                      String internalIp, String externalIp, Integer lastSeenWithin,
                                                      Integer lastSeenOver) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page();
        String group = v3.text("groupGuid", 64);
        Long within = v3.seconds("lastSeenWithin");
        Long over = v3.seconds("lastSeenOver");
        Instant now = Instant.now();
        FleetRepository.Filter filter = new FleetRepository.Filter(v3.text("hostname", 255),
                group == null ? null : V3Requests.guid(group, "Group"), v3.oneOf("operatingSystem", OPERATING_SYSTEMS),
                v3.text("internalIp", 64), v3.text("externalIp", 64), within == null ? null : now.minusSeconds(within),
                over == null ? null : now.minusSeconds(over), null);
        return ResponseEntity.ok(FleetViews.computerPage(page, fleet.computers(org, filter, page)));
    }

    @Override
    public ResponseEntity<ComputerEnvelope> getComputer(String organizationIdentifier, String connectorGuid) {
        return ResponseEntity.ok(new ComputerEnvelope(V3Requests.VERSION,
                FleetViews.computer(fleet.computer(v3.organization(organizationIdentifier), connectorGuid))));
    }

    @Override
    public ResponseEntity<ComputerEnvelope> moveComputer(String organizationIdentifier, String connectorGuid,
                                                         MoveComputerRequest body) {
        return ResponseEntity.ok(new ComputerEnvelope(V3Requests.VERSION, FleetViews.computer(
                fleet.move(v3.organization(organizationIdentifier), connectorGuid, body.getGroupGuid()))));
    }

    @Override
    public ResponseEntity<io.secplane.generated.se.model.ListGroups200Response> listPolicyGroups(String organizationIdentifier,
            String policyGuid, Integer start, Integer size) {
        V3Requests.Page page = v3.page();
        return ResponseEntity.ok(FleetViews.groupPage(page, fleet.policyGroups(v3.organization(organizationIdentifier), policyGuid,
                page)));
    }

    @Override
    public ResponseEntity<io.secplane.generated.se.model.ComputerPage> listPolicyComputers(String organizationIdentifier,
            String policyGuid, Integer start, Integer size) {
        V3Requests.Page page = v3.page();
        return ResponseEntity.ok(FleetViews.computerPage(page, fleet.policyComputers(v3.organization(organizationIdentifier),
                policyGuid, page)));
    }
}
