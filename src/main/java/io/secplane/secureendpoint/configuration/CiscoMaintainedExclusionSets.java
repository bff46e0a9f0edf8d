package io.secplane.secureendpoint.configuration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The exclusion sets Cisco maintains for common software, the same for every organization and read
 * only. Secplane's catalogue names the kinds of software Cisco's does; the entries and their
 * counts are ours (the real exclusions are Cisco's to publish).
 */
final class CiscoMaintainedExclusionSets {

    record Entry(UUID guid, String name, String operatingSystem, String description, int exclusionsCount) {
    }

    static final List<Entry> ALL = List.of(
            entry("Microsoft Windows Default", "windows", "Windows itself: system files, logs and update caches", 38),
            entry("Microsoft SQL Server", "windows", "Database files, logs and the server's processes", 24),
            entry("Microsoft Exchange Server", "windows", "Mailbox databases, queues and transport logs", 31),
            entry("Microsoft SharePoint", "windows", "Search indexes and the web front end's caches", 12),
            entry("VMware Horizon", "windows", "Virtual desktop agents and their caches", 17),
            entry("Citrix Virtual Apps and Desktops", "windows", "Citrix agents and profile management", 21),
            entry("Apple macOS Default", "mac", "macOS system files, Spotlight and Time Machine", 16),
            entry("Linux Default", "linux", "Kernel interfaces, package caches and system logs", 14),
            entry("Red Hat Enterprise Linux", "linux", "RHEL package management and SELinux files", 9),
            entry("Ubuntu", "linux", "Ubuntu package management and snaps", 8));

    private CiscoMaintainedExclusionSets() {
    }

    private static Entry entry(String name, String os, String description, int count) {
        // the same guid on every server and every start
        return new Entry(UUID.nameUUIDFromBytes(("cisco-maintained/" + os + "/" + name).getBytes(StandardCharsets.UTF_8)),
                name, os, description, count);
    }
}
