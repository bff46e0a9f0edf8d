package io.secplane.secureendpoint.mssp;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.secplane.audit.AuditLog;
import io.secplane.products.Products;
import io.secplane.secureendpoint.V3Requests;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;

/**
 * The customers of a managed security service provider's Secure Endpoint organization: made (a new
 * organization of the same platform organization, with Cisco's defaults), renamed, removed with
 * everything in it. The provider's row is locked for each change, so two customers made at once
 * never share a name, and a customer is never removed while another change to it is being made.
 */
@Service
public class MsspService {

    private final MsspRepository customers;
    private final Products products;
    private final AuditLog audit;

    public MsspService(MsspRepository customers, Products products, AuditLog audit) {
        this.customers = customers;
        this.products = products;
        this.audit = audit;
    }

    public V3Requests.Found<MsspRepository.Customer> list(Products.SeOrganization mssp, V3Requests.Page page) {
        return new V3Requests.Found<>(customers.count(mssp.identifier()), customers.page(mssp.identifier(), page.start(), page.size()));
    }

    public MsspRepository.Customer get(Products.SeOrganization mssp, String guid) {
        return customers.find(mssp.identifier(), V3Requests.guid(guid, "Customer")).orElseThrow(() -> notFound(guid));
    }

    @Transactional
    public MsspRepository.Customer create(Products.SeOrganization mssp, String name) {
        provider(mssp);
        String trimmed = name(mssp, name, null);
        Products.SeOrganization made = products.createSeOrganization(mssp.orgId(), mssp.region(), trimmed, null);
        UUID guid = UUID.randomUUID();
        customers.link(made.identifier(), mssp.identifier(), guid);
        audit.changed(null, mssp.orgId(), target(mssp, guid), "customer organization '" + trimmed + "' (" + made.identifier()
                + ") made");
        return customers.find(mssp.identifier(), guid).orElseThrow();
    }

    @Transactional
    public void rename(Products.SeOrganization mssp, String guid, String name) {
        provider(mssp);
        MsspRepository.Customer c = get(mssp, guid);
        String trimmed = name(mssp, name, c.guid());
        customers.rename(c.identifier(), trimmed);
        audit.changed(null, mssp.orgId(), target(mssp, c.guid()), "customer organization '" + c.name() + "' renamed to '"
                + trimmed + "'");
    }

    @Transactional
    public void remove(Products.SeOrganization mssp, String guid) {
        provider(mssp);
        MsspRepository.Customer c = get(mssp, guid);
        customers.lock(c.identifier());
        customers.remove(c.identifier());
        audit.changed(null, mssp.orgId(), target(mssp, c.guid()), "customer organization '" + c.name() + "' (" + c.identifier()
                + ") removed with everything in it");
    }

    /** Locks the provider's row; a customer organization has no customers of its own. */
    private void provider(Products.SeOrganization mssp) {
        Optional<Optional<String>> row = customers.lock(mssp.identifier());
        if (row.isEmpty()) {
            throw ApiException.notFound("Organization " + mssp.identifier() + " not found.");
        }
        if (row.get().isPresent()) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "Organization " + mssp.identifier() + " is a customer of "
                    + row.get().get() + "; a customer organization has no customers of its own.");
        }
    }

    private String name(Products.SeOrganization mssp, String name, UUID except) {
        String trimmed = V3Requests.name(name, "customer");
        if (customers.nameTaken(mssp.identifier(), trimmed, except)) {
            throw V3Requests.nameTaken("customer", "by another customer");
        }
        return trimmed;
    }

    private static ApiException notFound(String guid) {
        return ApiException.notFound("Customer " + guid + " not found.");
    }

    private static String target(Products.SeOrganization mssp, UUID customer) {
        return "secure-endpoint/" + mssp.identifier() + "/mssp/customers/" + customer;
    }
}
