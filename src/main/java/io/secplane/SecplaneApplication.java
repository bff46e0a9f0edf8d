package io.secplane;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.secplane.cli.SecplaneCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SecplaneApplication {

    public static void main(String[] args) {
        int[] exit = {0};
        String[] server = SecplaneCommand.parse(args, exit);
        if (server == null) {
            System.exit(exit[0]);
        }
        io.secplane.contract.ContractCatalog.preload();
        SpringApplication.run(SecplaneApplication.class, server);
    }

    /**
     * The short flags a user types (--demo, --data-dir=..., --database-url=...) become the Spring
     * properties they stand for; every other --name=value passes through unchanged.
     */
    public static String[] translateArguments(String[] args) {
        int[] exit = {0};
        String[] server = SecplaneCommand.parse(args, exit);
        if (server == null) {
            throw new IllegalArgumentException("not server arguments: " + String.join(" ", args));
        }
        return server;
    }
}
