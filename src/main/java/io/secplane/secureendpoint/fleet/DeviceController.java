package io.secplane.secureendpoint.fleet;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.se.api.DevicesApi;
import io.secplane.generated.se.model.CvssScore;
import io.secplane.generated.se.model.Device;
import io.secplane.generated.se.model.DeviceVulnerability;
import io.secplane.generated.se.model.DeviceVulnerabilityCvssScores;
import io.secplane.generated.se.model.DeviceVulnerabilityFixesInner;
import io.secplane.generated.se.model.GetDevice200Response;
import io.secplane.generated.se.model.ListDeviceVulnerabilities200Response;
import io.secplane.generated.se.model.ListDevices200Response;
import io.secplane.generated.se.model.PolicyOperatingSystem;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secure Endpoint v3: devices, the reference's newer view of an organization's computers (the same
 * rows), and the vulnerabilities found on each.
 */
@RestController
public class DeviceController implements DevicesApi {

    /** The most devices a page holds, as the reference says. */
    static final int MAX_PAGE = 100;
    private static final TypeReference<List<DeviceVulnerabilityFixesInner>> FIXES = new TypeReference<>() {
    };

    private final FleetService fleet;
    private final VulnerabilityRepository vulnerabilities;
    private final V3Requests v3;
    private final JsonMapper json;

    public DeviceController(FleetService fleet, VulnerabilityRepository vulnerabilities, V3Requests v3, JsonMapper json) {
        this.fleet = fleet;
        this.vulnerabilities = vulnerabilities;
        this.v3 = v3;
        this.json = json;
    }

    @Override
    public ResponseEntity<ListDevices200Response> listDevices(String organizationIdentifier, Integer start, Integer size,
                                                              String name) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page(MAX_PAGE);
        FleetRepository.Filter f = new FleetRepository.Filter(v3.text("name", 255), null, null, null, null, null, null, null);
        var found = fleet.computers(org, f, page);
        return ResponseEntity.ok(new ListDevices200Response(V3Requests.VERSION, V3Requests.meta(page, found.total()),
                found.items().stream().map(DeviceController::device).toList()));
    }

    @Override
    public ResponseEntity<GetDevice200Response> getDevice(String organizationIdentifier, String deviceGuid) {
        return ResponseEntity.ok(new GetDevice200Response(V3Requests.VERSION,
                device(fleet.computer(v3.organization(organizationIdentifier), deviceGuid))));
    }

    @Override
    public ResponseEntity<ListDeviceVulnerabilities200Response> listDeviceVulnerabilities(String organizationIdentifier,
            String deviceGuid, Integer start, Integer size) {
        Products.SeOrganization org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page();
        FleetRepository.Computer c = fleet.computer(org, deviceGuid);
        return ResponseEntity.ok(new ListDeviceVulnerabilities200Response(V3Requests.VERSION,
                V3Requests.meta(page, vulnerabilities.count(c.connectorGuid())),
                vulnerabilities.of(c.connectorGuid(), page.start(), page.size()).stream().map(this::vulnerability).toList()));
    }

    private static Device device(FleetRepository.Computer c) {
        Device d = new Device(c.connectorGuid(), c.hostname(), PolicyOperatingSystem.fromValue(c.operatingSystem()), c.osVersion(),
                c.internalIps(), c.lastSeen().withOffsetSameInstant(ZoneOffset.UTC));
        d.setPublicIp(c.externalIp());
        return d;
    }

    private DeviceVulnerability vulnerability(VulnerabilityRepository.Found v) {
        DeviceVulnerabilityCvssScores scores = new DeviceVulnerabilityCvssScores();
        scores.setV2(score(v.cvssV2Base(), v.cvssV2Temporal()));
        scores.setV31(score(v.cvssV31Base(), v.cvssV31Temporal()));
        return new DeviceVulnerability(v.cve(), v.title(), v.application(), v.version(), scores, v.riskScore(),
                json.readValue(v.fixes(), FIXES), v.activeInternetBreach(), v.easilyExploitable(), v.malwareExploitable(),
                v.detectedAt().withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static CvssScore score(BigDecimal base, BigDecimal temporal) {
        return base == null ? null : new CvssScore(base.doubleValue(), temporal == null ? base.doubleValue() : temporal.doubleValue());
    }
}
