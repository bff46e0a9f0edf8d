package io.secplane.bootstrap;

import java.time.Instant;
import java.util.UUID;

import io.secplane.organizations.Organization.OrgType;
import io.secplane.organizations.OrganizationRepository;
import io.secplane.organizations.Region;

/**
 * The organizations of the getting-started document: Acme Corp, the two orgs it manages and the
 * org that manages it. Loaded once; loading again changes nothing.
 */
final class DemoData {

    static final UUID ACME = UUID.fromString("550e8400-e29b-41d4-a716-446655440003");
    static final UUID ACME_EAST = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
    static final UUID ACME_WEST = UUID.fromString("550e8400-e29b-41d4-a716-446655440001");
    static final UUID ACME_PARTNER = UUID.fromString("550e8400-e29b-41d4-a716-446655440004");

    private DemoData() {
    }

    static final String DEMO_CLIENT_SCOPES = "enrich:read casebook inspect:read";

    static void load(OrganizationRepository orgs, io.secplane.products.Products products, DemoSecureEndpoint secureEndpoint) {
        if (orgs.exists(ACME)) {
            return;
        }
        Instant created = Instant.parse("2025-10-10T10:15:30Z");
        orgs.insert(ACME_PARTNER, "Acme Partner Services", OrgType.MANAGER, Region.NAM, created.minusSeconds(86_400));
        orgs.insert(ACME, "Acme Corp", OrgType.MANAGED, Region.NAM, created);
        orgs.insert(ACME_EAST, "Acme Corp East", OrgType.MANAGED, Region.NAM, created.plusSeconds(60));
        orgs.insert(ACME_WEST, "Acme Corp West", OrgType.MANAGED, Region.NAM, created.plusSeconds(120));
        orgs.link(ACME_PARTNER, ACME);
        orgs.link(ACME, ACME_EAST);
        orgs.link(ACME, ACME_WEST);
        products.provision(ACME, io.secplane.products.Products.Product.XDR, "NAM");
        products.provision(ACME, io.secplane.products.Products.Product.SECURE_ENDPOINT, "NAM");
        products.setIntegration(ACME, true);
        String first = products.createSeOrganization(ACME, "NAM", "Example Organization #1", "4baascfeaofqpxidpinxtt5l")
                .identifier();
        String second = products.createSeOrganization(ACME, "NAM", "Example Organization #2", "nxtf3phj4w0z41pim3vqarzk")
                .identifier();
        secureEndpoint.load(first, second);
    }

}
