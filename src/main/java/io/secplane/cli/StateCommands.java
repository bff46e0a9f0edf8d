package io.secplane.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The operator's operations on the whole state, as commands that call the running server. */
final class StateCommands {

    private StateCommands() {
    }

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "the data directory of the running server (default ./data)")
        String dataDir;

        /** Calls the server; prints its error and returns 1 when it refuses. */
        OperatorCall.Reply call(String method, String path, byte[] body) throws Exception {
            OperatorCall.Reply r = OperatorCall.of(dataDir).send(method, path, body);
            if (r.status() >= 300) {
                System.err.println("secplane: the server answered " + r.status() + ": " + r.message());
            }
            return r;
        }

        @Override
        public Integer call() throws Exception {
            try {
                return run();
            } catch (IllegalStateException | java.io.IOException e) {
                System.err.println("secplane: " + e.getMessage());
                return 1;
            }
        }

        abstract int run() throws Exception;
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Replaces the running server's whole state by that of a first start (or of --demo): every "
                    + "organization and everything under it goes; the new first organization's credentials are written "
                    + "to bootstrap.json. The operator token, the signing keys and the TLS files stay."})
    static class Reset extends Base {
        @Option(names = "--demo", description = "the getting-started documents' organizations, products and client too")
        boolean demo;

        @Override
        int run() throws Exception {
            OperatorCall.Reply r = call("POST", "/operator/v1/state/reset", ("{\"demo\":" + demo + "}").getBytes(StandardCharsets.UTF_8));
            if (r.status() != 200) {
                return 1;
            }
            System.out.println("secplane: reset" + (demo ? " to the demo" : "") + "; the new first organization is "
                    + r.json().get("orgId").asString() + " (its credentials are in bootstrap.json)");
            return 0;
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = {"Saves the running server's whole state under a name, restores it, lists or deletes snapshots.",
                    "  snapshot save NAME | snapshot restore NAME | snapshot delete NAME | snapshot list"})
    static class Snapshot extends Base {
        @Parameters(index = "0", paramLabel = "ACTION", description = "save, restore, delete or list")
        String action;
        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
        String name;

        @Override
        int run() throws Exception {
            if (action.equals("list")) {
                OperatorCall.Reply r = call("GET", "/operator/v1/snapshots", null);
                if (r.status() != 200) {
                    return 1;
                }
                r.json().get("snapshots").forEach(s -> System.out.println(s.get("name").asString() + "\t"
                        + s.get("created").asString() + "\t" + s.get("organizations").asInt() + " organizations\t"
                        + s.get("rows").asInt() + " rows"));
                return 0;
            }
            if (name == null) {
                System.err.println("secplane: snapshot " + action + " needs a NAME.");
                return 2;
            }
            OperatorCall.Reply r = switch (action) {
                case "save" -> call("PUT", "/operator/v1/snapshots/" + name, null);
                case "restore" -> call("POST", "/operator/v1/snapshots/" + name + "/restore", null);
                case "delete" -> call("DELETE", "/operator/v1/snapshots/" + name, null);
                default -> null;
            };
            if (r == null) {
                System.err.println("secplane: '" + action + "' is not save, restore, delete or list.");
                return 2;
            }
            if (r.status() >= 300) {
                return 1;
            }
            System.out.println("secplane: snapshot " + name + (action.equals("save") ? " saved" : action.equals("restore")
                    ? " restored" : " deleted"));
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes the running server's whole state (or one organization with the organizations it "
                    + "manages) as a secplane-state document to a file, or to the output."})
    static class Export extends Base {
        @Option(names = "--organization", paramLabel = "ID", description = "only this organization and the ones it manages")
        String organization;
        @Option(names = "--secrets", description = "with password hashes, digests, refresh tokens and signing keys "
                + "(the file is then readable by you only)")
        boolean secrets;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the file (default: the output)")
        Path output;

        @Override
        int run() throws Exception {
            String q = "?secrets=" + secrets + (organization == null ? "" : "&organization=" + organization);
            OperatorCall.Reply r = call("GET", "/operator/v1/state/export" + q, null);
            if (r.status() != 200) {
                return 1;
            }
            if (output == null) {
                System.out.write(r.body());
                System.out.flush();
            } else if (secrets) {
                io.secplane.tls.CertificateAuthority.writeSecret(output, new String(r.body(), StandardCharsets.UTF_8));
            } else {
                Files.write(output, r.body());
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Adds what a secplane-state document holds to the running server's state, ids kept; "
                    + "all or nothing (a row already there refuses the whole document)."})
    static class Import extends Base {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        int run() throws Exception {
            OperatorCall.Reply r = call("POST", "/operator/v1/state/import", Files.readAllBytes(file));
            if (r.status() != 200) {
                return 1;
            }
            System.out.println("secplane: imported " + r.json().get("rows").asInt() + " rows, "
                    + r.json().get("organizations").size() + " organizations");
            return 0;
        }
    }
}
