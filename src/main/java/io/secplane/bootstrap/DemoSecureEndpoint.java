package io.secplane.bootstrap;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.secplane.secureendpoint.configuration.ExclusionSetRepository;
import io.secplane.secureendpoint.fleet.FleetRepository;
import io.secplane.secureendpoint.configuration.PolicyRepository;
import io.secplane.secureendpoint.fleet.VulnerabilityRepository;
import io.secplane.secureendpoint.devicecontrol.DeviceControlRepository;

/**
 * The demo's Secure Endpoint organizations filled in: exclusion sets (one carried by the first
 * organization's Windows Protect policy), a fleet of computers in each, and a device-control
 * configuration with rules carried by the first organization's Windows and Mac Protect policies.
 * Loaded with the rest of the demo, once.
 */
@Component
class DemoSecureEndpoint {

    private final ExclusionSetRepository sets;
    private final PolicyRepository policies;
    private final FleetRepository fleet;
    private final DeviceControlRepository deviceControl;
    private final VulnerabilityRepository vulnerabilities;

    DemoSecureEndpoint(ExclusionSetRepository sets, PolicyRepository policies, FleetRepository fleet,
                       DeviceControlRepository deviceControl, VulnerabilityRepository vulnerabilities) {
        this.sets = sets;
        this.policies = policies;
        this.fleet = fleet;
        this.deviceControl = deviceControl;
        this.vulnerabilities = vulnerabilities;
    }

    void load(String first, String second) {
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
        policies.page(first, new PolicyRepository.Filter("windows", null, "Protect"),
                0, 1).forEach(p -> {
                    policies.attach(p.guid(), windows.guid());
                    policies.changed(p.guid());
                });
        fleet(first, 300, "acme");
        fleet(second, 40, "lab");
        deviceControl(first);
    }

    /**
     * A fleet of computers across groups and operating systems, the same on every first start: mostly
     * Windows workstations in Protect, servers in Server, a domain controller, Macs, Linux build
     * machines and a few phones; seen at times spread over the last month.
     */
    private void fleet(String seOrg, int count, String prefix) {
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
            // the version drawn for every computer (the same fleet on every start); Macs run Mac connectors, and a
            // few Windows computers one too old for device control
            String connector = "8.4." + random.nextInt(3);
            if (os.equals("mac")) {
                connector = "1.2" + (i % 6) + ".0";
            } else if (os.equals("windows") && i % 40 == 7) {
                connector = "7.4.5";
            }
            UUID guid = UUID.nameUUIDFromBytes((prefix + "-computer-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            fleet.addComputer(new FleetRepository.Computer(guid, seOrg,
                    groups.get(group), host, os, version, connector,
                    java.util.List.of("10." + (prefix.length()) + "." + (i / 250) + "." + (1 + i % 250)),
                    "198.51.100." + (1 + random.nextInt(20)), now.minusMinutes(random.nextInt(30 * 24 * 60)), now, null));
            List<VulnerabilityRepository.Finding> found = findings(os, i);
            if (!found.isEmpty()) {
                vulnerabilities.replace(guid, found, now);
            }
        }
    }

    /** What scans found on some of the demo's computers (the same on every first start). */
    private static List<VulnerabilityRepository.Finding> findings(String os, int i) {
        List<VulnerabilityRepository.Finding> out = new java.util.ArrayList<>();
        if (os.equals("windows") && i % 7 == 0) {
            out.add(new VulnerabilityRepository.Finding("CVE-2017-0144", "10.0.14393"));
            out.add(new VulnerabilityRepository.Finding("CVE-2021-34527", "10.0.14393"));
        }
        if (os.equals("windows") && i % 11 == 0) {
            out.add(new VulnerabilityRepository.Finding("CVE-2023-4863", "116.0.5845.96"));
        }
        if (os.equals("windows") && i % 13 == 0) {
            out.add(new VulnerabilityRepository.Finding("CVE-2021-44228", "2.14.1"));
        }
        if (os.equals("linux") && i % 3 == 0) {
            out.add(new VulnerabilityRepository.Finding("CVE-2024-6387", "9.6p1"));
        }
        if (os.equals("mac") && i % 2 == 0) {
            out.add(new VulnerabilityRepository.Finding("CVE-2023-41064", "13.5.1"));
        }
        return out;
    }

    /** USB storage read-only by default; the company's encrypted drives allowed, one phone maker's storage blocked. */
    private void deviceControl(String seOrg) {
        var c = deviceControl.create(seOrg, "USB storage", "Read-only USB storage except Acme's encrypted drives", "read_only",
                "always");
        deviceControl.insertRule(c.guid(), 1, new DeviceControlRepository.RuleFields("Acme encrypted drives", "allow", "never",
                "all", "[{\"identifier\":\"vendor_name\",\"operator\":\"equals\",\"value\":\"Kingston\"},"
                        + "{\"identifier\":\"product_name\",\"operator\":\"contains\",\"value\":\"IronKey\"}]"));
        deviceControl.insertRule(c.guid(), 2, new DeviceControlRepository.RuleFields("Backup disks of the IT team", "allow",
                "never", "any", "[{\"identifier\":\"vendor_id\",\"operator\":\"equals\",\"value\":\"0480\"},"
                        + "{\"identifier\":\"product_id\",\"operator\":\"equals\",\"value\":\"a006\"}]"));
        deviceControl.insertRule(c.guid(), 3, new DeviceControlRepository.RuleFields("Phones as storage", "block", "always",
                "all", "[{\"identifier\":\"device_id\",\"operator\":\"contains\",\"value\":\"USBSTOR\\\\Disk&Ven_Android\"}]"));
        for (String os : List.of("windows", "mac")) {
            policies.page(seOrg, new PolicyRepository.Filter(os, null, "Protect"), 0, 1).forEach(p -> {
                policies.setDeviceControl(p.guid(), c.guid());
                policies.changed(p.guid());
            });
        }
    }
}
