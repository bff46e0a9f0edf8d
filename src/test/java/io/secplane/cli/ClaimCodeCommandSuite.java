package io.secplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./secplane claim-code}: the operator's minting, on the machine that runs the server. */
public abstract class ClaimCodeCommandSuite {

    protected abstract List<String> databaseArguments();

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int[] exit = {0};
            String[] server = SecplaneCommand.parse(args, exit);
            assertThat(server).as("a command runs, no server").isNull();
            return new Run(exit[0], o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void mintsACodeAndSaysWhatIsWrongWithBadArguments() throws Exception {
        Path data = Files.createTempDirectory("secplane-cli-");
        List<String> args = new ArrayList<>(List.of("claim-code", "--data-dir=" + data, "--product=xdr",
                "--product=secure-endpoint", "--region=EMEA", "--valid-days=30"));
        args.addAll(databaseArguments());
        Run ok = run(args.toArray(String[]::new));
        assertThat(ok.exit()).as(ok.err()).isZero();
        JsonNode code = JsonMapper.builder().build().readTree(ok.out());
        assertThat(code.get("claimCode").asString()).matches("CC(-[A-Z2-9]{4}){4}");
        assertThat(code.get("status").asString()).isEqualTo("unclaimed");
        assertThat(code.get("regions").toString()).isEqualTo("[\"EMEA\"]");
        assertThat(code.get("products").get(0).get("id").asString()).isEqualTo("xdr");
        Run bad = run("claim-code", "--data-dir=" + data, "--product=umbrella", "--region=EMEA");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'umbrella' is not a product");
        List<String> nowhere = new ArrayList<>(List.of("claim-code", "--data-dir=" + data, "--product=xdr", "--region=AUS"));
        nowhere.addAll(databaseArguments());
        Run refused = run(nowhere.toArray(String[]::new));
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("regions").contains("NAM, EMEA, APJC");
    }
}
