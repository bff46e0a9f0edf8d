package io.secplane.secureendpoint.mssp;

import java.time.ZoneOffset;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

import io.secplane.generated.se.api.MsspApi;
import io.secplane.generated.se.model.ListMsspCustomers200Response;
import io.secplane.generated.se.model.MsspCustomer;
import io.secplane.generated.se.model.MsspCustomerEnvelope;
import io.secplane.generated.se.model.MsspCustomerInput;
import io.secplane.secureendpoint.V3Requests;

/** Secure Endpoint v3: a managed security service provider's customer organizations. */
@RestController
public class MsspController implements MsspApi {

    private final MsspService mssp;
    private final V3Requests v3;

    public MsspController(MsspService mssp, V3Requests v3) {
        this.mssp = mssp;
        this.v3 = v3;
    }

    @Override
    public ResponseEntity<ListMsspCustomers200Response> listMsspCustomers(String organizationIdentifier, Integer start,
                                                                          Integer size) {
        var org = v3.organization(organizationIdentifier);
        V3Requests.Page page = v3.page();
        var found = mssp.list(org, page);
        return ResponseEntity.ok(new ListMsspCustomers200Response(V3Requests.VERSION, V3Requests.meta(page, found.total()),
                found.items().stream().map(MsspController::view).toList()));
    }

    @Override
    public ResponseEntity<MsspCustomerEnvelope> createMsspCustomer(String organizationIdentifier, MsspCustomerInput body) {
        var org = v3.organization(organizationIdentifier);
        return ResponseEntity.status(HttpStatus.CREATED).body(new MsspCustomerEnvelope(V3Requests.VERSION,
                view(mssp.create(org, body.getName()))));
    }

    @Override
    public ResponseEntity<MsspCustomerEnvelope> getMsspCustomer(String organizationIdentifier, String customerGuid) {
        return ResponseEntity.ok(new MsspCustomerEnvelope(V3Requests.VERSION,
                view(mssp.get(v3.organization(organizationIdentifier), customerGuid))));
    }

    @Override
    public ResponseEntity<Void> updateMsspCustomer(String organizationIdentifier, String customerGuid, MsspCustomerInput body) {
        mssp.rename(v3.organization(organizationIdentifier), customerGuid, body.getName());
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<Void> deleteMsspCustomer(String organizationIdentifier, String customerGuid) {
        mssp.remove(v3.organization(organizationIdentifier), customerGuid);
        return ResponseEntity.noContent().build();
    }

    private static MsspCustomer view(MsspRepository.Customer c) {
        return new MsspCustomer(c.guid(), c.name(), c.identifier(), c.createdAt().withOffsetSameInstant(ZoneOffset.UTC));
    }
}
