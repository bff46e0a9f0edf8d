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

    static void load(OrganizationRepository orgs, io.secplane.products.Products products,
                     io.secplane.secureendpoint.configuration.ExclusionSetRepository sets,
                     io.secplane.secureendpoint.configuration.PolicyRepository policies,
                     io.secplane.secureendpoint.configuration.FleetRepository fleet) {
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
        // exclusion sets of their own, one of them carried by the first organization's Windows Protect policy
        var windows = sets.create(first, "Acme line-of-business apps", "What Acme's own software writes and runs", "windows");
        sets.addExclusion(windows.guid(), "path", "{\"path\":\"C:\\\\Program Files\\\\Acme\\\\\",\"anyDrive\":false}",
                "C:\\Program Files\\Acme\\", false, null);
        sets.addExclusion(windows.guid(), "fileExtension", "{\"fileExtension\":\".acmedb\"}", ".acmedb", null, null);
        sets.addExclusion(windows.guid(), "threat", "{\"threatName\":\"W32.Acme.Test.Eicar\"}", "W32.Acme.Test.Eicar", null,
                null);
        var linux = sets.create(first, "Build servers", "Build output on the Linux build farm", "linux");
        sets.addExclusion(linux.guid(), "path", "{\"path\":\"/var/lib/build/\"}", "/var/lib/build/", null, null);
        var mac = sets.create(second, "Developer tools", null, "mac");
        sets.addExclusion(mac.guid(), "path", "{\"path\":\"/Applications/Xcode.app/\"}", "/Applications/Xcode.app/", null,
                null);
        policies.page(first, new io.secplane.secureendpoint.configuration.PolicyRepository.Filter("windows", null, "Protect"),
                0, 1).forEach(p -> {
                    policies.attach(p.guid(), windows.guid());
                    policies.changed(p.guid());
                });
        fleet(fleet, first, 300, "acme");
        fleet(fleet, second, 40, "lab");
    }

    /**
     * A fleet of computers across groups and operating systems, the same on every first start: mostly
     * Windows workstations in Protect, servers in Server, a domain controller, Macs, Linux build
     * machines and a few phones; seen at times spread over the last month.
     */
    private static void fleet(io.secplane.secureendpoint.configuration.FleetRepository fleet, String seOrg, int count,
                              String prefix) {
        java.util.Map<String, UUID> groups = new java.util.HashMap<>();
        for (String g : java.util.List.of("Audit", "Protect", "Triage", "Server", "Domain Controller")) {
            groups.put(g, fleet.groupNamed(seOrg, g).orElseThrow());
        }
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(prefix.hashCode());
        for (int i = 1; i <= count; i++) {
            int kind = random.nextInt(100);
            String os;
            String host;
            String group;
            String version;
            if (kind < 55) {
                os = "windows";
                host = String.format("%s-ws-%04d", prefix, i).toUpperCase(java.util.Locale.ROOT);
                group = random.nextInt(10) == 0 ? "Audit" : random.nextInt(20) == 0 ? "Triage" : "Protect";
                version = "Windows 11 Enterprise";
            } else if (kind < 65) {
                os = "windows";
                host = String.format("%s-srv-%03d", prefix, i).toUpperCase(java.util.Locale.ROOT);
                group = i % 50 == 0 ? "Domain Controller" : "Server";
                version = "Windows Server 2022";
            } else if (kind < 82) {
                os = "mac";
                host = String.format("%s-mac-%03d", prefix, i);
                group = "Protect";
                version = "macOS 15";
            } else if (kind < 95) {
                os = "linux";
                host = String.format("%s-lnx-%03d", prefix, i);
                group = random.nextBoolean() ? "Server" : "Protect";
                version = "Ubuntu 24.04";
            } else {
                os = random.nextBoolean() ? "android" : "ios";
                host = String.format("%s-phone-%03d", prefix, i);
                group = "Protect";
                version = os.equals("android") ? "Android 15" : "iOS 18";
            }
            fleet.addComputer(new io.secplane.secureendpoint.configuration.FleetRepository.Computer(
                    UUID.nameUUIDFromBytes((prefix + "-computer-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)), seOrg,
                    groups.get(group), host, os, version, "8.4." + random.nextInt(3),
                    java.util.List.of("10." + (prefix.length()) + "." + (i / 250) + "." + (1 + i % 250)),
                    "198.51.100." + (1 + random.nextInt(20)), now.minusMinutes(random.nextInt(30 * 24 * 60)), now, null));
        }
    }
}
