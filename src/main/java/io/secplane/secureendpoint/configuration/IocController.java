package io.secplane.secureendpoint.configuration;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.se.api.IocsApi;
import io.secplane.generated.se.model.ExclusionOperatingSystem;
import io.secplane.generated.se.model.GetIoc200Response;
import io.secplane.generated.se.model.Ioc;
import io.secplane.generated.se.model.ListIocs200Response;
import io.secplane.secureendpoint.V3Requests;
import io.secplane.web.ApiException;

/** Secure Endpoint v3: the catalogue of cloud indicators of compromise (read-only, the same for every caller). */
@RestController
public class IocController implements IocsApi {

    private final V3Requests v3;

    public IocController(V3Requests v3) {
        this.v3 = v3;
    }

    @Override
    public ResponseEntity<ListIocs200Response> listIocs(Integer start, Integer size, String name, String severity,
                                                        String operatingSystem) {
        V3Requests.Page page = v3.page();
        String part = v3.text("name", 255);
        String level = v3.oneOf("severity", Set.of("low", "medium", "high", "critical"));
        String os = v3.oneOf("operatingSystem", ExclusionRules.OPERATING_SYSTEMS);
        List<Ioc> all = CloudIocs.ALL.stream()
                .filter(e -> part == null || e.name().toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT)))
                .filter(e -> level == null || e.severity().equals(level))
                .filter(e -> os == null || e.operatingSystem().equals(os))
                .sorted(java.util.Comparator.comparing(CloudIocs.Entry::name))
                .map(IocController::view).toList();
        return ResponseEntity.ok(new ListIocs200Response(V3Requests.VERSION, V3Requests.meta(page, all.size()),
                V3Requests.slice(all, page)));
    }

    @Override
    public ResponseEntity<GetIoc200Response> getIoc(String iocGuid) {
        UUID guid = V3Requests.guid(iocGuid, "IOC");
        return ResponseEntity.ok(new GetIoc200Response(V3Requests.VERSION, CloudIocs.ALL.stream()
                .filter(e -> e.guid().equals(guid)).findFirst().map(IocController::view)
                .orElseThrow(() -> ApiException.notFound("IOC " + iocGuid + " not found."))));
    }

    private static Ioc view(CloudIocs.Entry e) {
        return new Ioc(e.guid(), e.name(), e.description(), Ioc.SeverityEnum.fromValue(e.severity()),
                ExclusionOperatingSystem.fromValue(e.operatingSystem()), e.attackTechniques());
    }
}
