package io.secplane.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.secplane.operator.OperatorController;
import io.secplane.subscriptions.ClaimCodeService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** The operator's {@code POST /operator/v1/claim-codes}, as a command on the machine that runs the server. */
@Command(name = "claim-code", mixinStandardHelpOptions = true,
        description = {"Mints a claim code for products and regions and prints it, as JSON (as the operator API does).",
                "With the embedded database, stop the server first (./secplane stop), or call the operator API "
                        + "with the operatorToken of bootstrap.json. With PostgreSQL it works beside running servers."})
public class ClaimCodeCommand implements Callable<Integer> {

    @Mixin
    SecplaneCommand.Storage storage = new SecplaneCommand.Storage();

    @Option(names = "--product", required = true, paramLabel = "ID",
            description = "secure-endpoint, xdr or firewall-manager; repeat for several")
    List<String> products;

    @Option(names = "--region", required = true, paramLabel = "CODE", description = "NAM, EMEA, APJC, AUS, IND or UAE; repeat for several")
    List<String> regions;

    @Option(names = "--name", description = "the subscription's name (default: the products')")
    String name;

    @Option(names = "--valid-days", defaultValue = "90", description = "how long the code can be claimed (default: ${DEFAULT-VALUE})")
    int validDays;

    @Override
    public Integer call() {
        for (String p : products) {
            if (io.secplane.subscriptions.SubscriptionProduct.byId(p) == null) {
                System.err.println("secplane: '" + p + "' is not a product; products are secure-endpoint, xdr, firewall-manager.");
                return 2;
            }
        }
        for (String r : regions) {
            try {
                io.secplane.organizations.Region.valueOf(r);
            } catch (IllegalArgumentException e) {
                System.err.println("secplane: '" + r + "' is not a region; regions are " + io.secplane.organizations.Region.allowed() + ".");
                return 2;
            }
        }
        if (validDays < 1 || validDays > 3650) {
            System.err.println("secplane: --valid-days must be between 1 and 3650.");
            return 2;
        }
        return Offline.run(storage, this::mint);
    }

    private int mint(ConfigurableApplicationContext ctx) {
        var code = ctx.getBean(ClaimCodeService.class).mint(name,
                products.stream().map(p -> new ClaimCodeService.Asked(p, null)).toList(), regions, validDays);
        System.out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(OperatorController.view(code)));
        return 0;
    }
}
