package io.secplane.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * What {@code secplane} takes on its command line: the server's own settings, the commands run on
 * the machine that hosts the server, and any Spring Boot property, passed through unchanged.
 */
@Command(name = "secplane", mixinStandardHelpOptions = true, versionProvider = SecplaneCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Starts Secplane: the Security Cloud Control platform API and the Cisco Secure Endpoint / XDR "
                        + "token chain over HTTPS (8443) and HTTP (8080), with its data in ./data.",
                "",
                "Any Spring Boot or Secplane property may follow as --name=value, for example "
                        + "--secplane.https.port=9443, --secplane.http.port=9080, --secplane.https.enabled=false, "
                        + "--secplane.https.real-names=true, --secplane.max-body-size=2MB, "
                        + "--secplane.tokens.access-token-lifetime=18h, --secplane.hosts[my.host]=XDR:EMEA."},
        subcommands = {AdminKeyCommand.class, ClaimCodeCommand.class, StateCommands.Reset.class, StateCommands.Snapshot.class,
                StateCommands.Export.class, StateCommands.Import.class},
        footer = {"", "Commands of the ./secplane script: start [options] (in the background, waits until ready), "
                + "stop, admin-key [options], claim-code [options], reset [--demo], snapshot save|restore|delete|list [NAME], "
                + "export [options], import FILE (these four call the running server)."})
public class SecplaneCommand implements Callable<Integer> {

    /** Where the data is and which database holds it; shared by the server and its commands. */
    public static class Storage {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "the H2 database, the TLS files and bootstrap.json (default ./data)")
        String dataDir;
        @Option(names = "--database-url", paramLabel = "JDBC_URL", description = "jdbc:postgresql://host/db (PostgreSQL 15 or newer); default: H2 in the data directory")
        String databaseUrl;
        @Option(names = "--database-user", paramLabel = "USER")
        String databaseUser;
        @Option(names = "--database-password", paramLabel = "PASSWORD")
        String databasePassword;

        List<String> properties() {
            List<String> out = new ArrayList<>();
            if (dataDir != null) {
                out.add("--secplane.data-dir=" + dataDir);
            }
            if (databaseUrl != null) {
                out.add("--spring.datasource.url=" + databaseUrl);
            }
            if (databaseUser != null) {
                out.add("--spring.datasource.username=" + databaseUser);
            }
            if (databasePassword != null) {
                out.add("--spring.datasource.password=" + databasePassword);
            }
            return out;
        }
    }

    @CommandLine.Mixin
    Storage storage = new Storage();

    @Option(names = "--demo", description = "load the getting-started documents' organizations, products and API client")
    boolean demo;

    @Unmatched
    List<String> passThrough = new ArrayList<>();

    /** The Spring arguments the server starts with; null when a command or the help ran instead. */
    String[] serverArguments;

    @Override
    public Integer call() {
        List<String> out = new ArrayList<>(storage.properties());
        if (demo) {
            out.add("--secplane.demo=true");
        }
        for (String arg : passThrough) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "Unknown argument '" + arg + "': settings are given as --name=value; see --help.");
            }
            out.add(arg);
        }
        serverArguments = out.toArray(String[]::new);
        return 0;
    }

    /**
     * Parses the command line. Returns the server's Spring arguments, or null when a command or the
     * help ran (the process then exits with {@code exitCode[0]}).
     */
    public static String[] parse(String[] args, int[] exitCode) {
        SecplaneCommand command = new SecplaneCommand();
        CommandLine cli = new CommandLine(command);
        cli.setUnmatchedOptionsArePositionalParams(false);
        exitCode[0] = cli.execute(args);
        if (exitCode[0] != 0 || command.serverArguments == null || cli.getParseResult() == null
                || cli.getParseResult().subcommand() != null || cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
            return null;
        }
        return command.serverArguments;
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SecplaneCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Secplane " + (v == null ? "(development build)" : v)};
        }
    }
}
