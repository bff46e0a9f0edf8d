package io.secplane.secureendpoint.configuration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The cloud indicators of compromise connectors report, the same for every organization and read
 * only; an exclusion of type {@code ioc} names one by its guid. Secplane's catalogue names the kinds
 * of behaviour Cisco's does; the entries are ours (the real catalogue is Cisco's to publish).
 */
final class CloudIocs {

    record Entry(UUID guid, String name, String description, String severity, String operatingSystem,
                 List<String> attackTechniques) {
    }

    static final List<Entry> ALL = List.of(
            entry("W32.PowerShellEncodedCommand.ioc", "PowerShell was started with an encoded command.", "medium", "windows",
                    "T1059.001", "T1027"),
            entry("W32.PowerShellDownloadCradle.ioc", "PowerShell downloaded and ran code from the internet.", "high",
                    "windows", "T1059.001", "T1105"),
            entry("W32.OfficeSpawnedShell.ioc", "An Office application started a command shell.", "high", "windows",
                    "T1204.002", "T1059.003"),
            entry("W32.CredentialDumpLsass.ioc", "A process read the memory of lsass.exe.", "critical", "windows", "T1003.001"),
            entry("W32.ShadowCopyDeletion.ioc", "Volume shadow copies were deleted.", "critical", "windows", "T1490"),
            entry("W32.ScheduledTaskPersistence.ioc", "A scheduled task was made to run at every logon.", "medium", "windows",
                    "T1053.005"),
            entry("W32.RegistryRunKey.ioc", "A program was added to a Run key of the registry.", "low", "windows",
                    "T1547.001"),
            entry("W32.RundllSuspiciousExport.ioc", "rundll32.exe ran an unusual export of a DLL.", "medium", "windows",
                    "T1218.011"),
            entry("OSX.LaunchAgentPersistence.ioc", "A launch agent was installed for the user.", "medium", "mac", "T1543.001"),
            entry("OSX.GatekeeperBypass.ioc", "The quarantine attribute was removed from a download.", "high", "mac",
                    "T1553.001"),
            entry("OSX.OsascriptPrompt.ioc", "osascript asked the user for a password.", "high", "mac", "T1056.002"),
            entry("Linux.CronPersistence.ioc", "A cron job was added that runs a downloaded file.", "medium", "linux",
                    "T1053.003"),
            entry("Linux.ReverseShell.ioc", "A shell's input and output were sent to a network socket.", "critical", "linux",
                    "T1059.004"),
            entry("Linux.SshAuthorizedKeys.ioc", "A key was added to a user's authorized_keys.", "low", "linux", "T1098.004"));

    private CloudIocs() {
    }

    private static Entry entry(String name, String description, String severity, String os, String... techniques) {
        // the same guid on every server and every start
        return new Entry(UUID.nameUUIDFromBytes(("cloud-ioc/" + name).getBytes(StandardCharsets.UTF_8)), name, description,
                severity, os, List.of(techniques));
    }
}
