package io.secplane.secureendpoint.fleet;

import java.net.URI;
import java.time.ZoneOffset;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.operator.api.SecureEndpointFleetApi;
import io.secplane.generated.operator.model.ChangeComputerRequest;
import io.secplane.generated.operator.model.ComputerInput;
import io.secplane.generated.operator.model.SyntheticComputer;

/** The operator's API for synthetic computers in Secure Endpoint organizations. */
@RestController
public class SyntheticFleetController implements SecureEndpointFleetApi {

    private final SyntheticFleet fleet;

    public SyntheticFleetController(SyntheticFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public ResponseEntity<SyntheticComputer> addComputer(String organizationIdentifier, ComputerInput body) {
        FleetRepository.Computer c = fleet.add(organizationIdentifier, new SyntheticFleet.NewComputer(body.getHostname(),
                body.getOperatingSystem().getValue(), body.getOsVersion(), body.getConnectorVersion(), body.getGroupGuid(),
                body.getInternalIps(), body.getExternalIp(), body.getLastSeen()));
        return ResponseEntity.created(URI.create("/operator/v1/secure-endpoint/organizations/" + organizationIdentifier
                + "/computers/" + c.connectorGuid())).body(view(c));
    }

    @Override
    public ResponseEntity<SyntheticComputer> changeComputer(String organizationIdentifier, String connectorGuid,
                                                            ChangeComputerRequest body) {
        return ResponseEntity.ok(view(fleet.change(organizationIdentifier, connectorGuid, body.getGroupGuid(), body.getLastSeen(),
                body.getConnectorVersion())));
    }

    @Override
    public ResponseEntity<Void> removeComputer(String organizationIdentifier, String connectorGuid) {
        fleet.remove(organizationIdentifier, connectorGuid);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<io.secplane.generated.operator.model.SetComputerVulnerabilities200Response> setComputerVulnerabilities(
            String organizationIdentifier, String connectorGuid,
            io.secplane.generated.operator.model.SetComputerVulnerabilitiesRequest body) {
        var now = fleet.setVulnerabilities(organizationIdentifier, connectorGuid, body.getVulnerabilities().stream()
                .map(v -> new VulnerabilityRepository.Finding(v.getCve().strip(), v.getVersion())).toList());
        return ResponseEntity.ok(new io.secplane.generated.operator.model.SetComputerVulnerabilities200Response(now.stream()
                .map(v -> new io.secplane.generated.operator.model.SetComputerVulnerabilities200ResponseVulnerabilitiesInner(
                        v.cve(), v.version(), v.detectedAt().withOffsetSameInstant(ZoneOffset.UTC)))
                .toList()));
    }

    private static SyntheticComputer view(FleetRepository.Computer c) {
        SyntheticComputer out = new SyntheticComputer(c.connectorGuid(), c.seOrg(), c.hostname(), c.operatingSystem(),
                c.osVersion(), c.connectorVersion(), c.groupGuid(), c.policy().guid(), c.internalIps(),
                c.lastSeen().withOffsetSameInstant(ZoneOffset.UTC));
        out.setExternalIp(c.externalIp());
        return out;
    }
}
