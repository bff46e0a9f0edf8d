package io.secplane;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.secplane.cli.SecplaneCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SecplaneApplication {

    private static final String PKCS12_ROUNDS = "keystore.pkcs12.keyPbeIterationCount";

    public static void main(String[] args) {
        int[] exit = {0};
        String[] server = SecplaneCommand.parse(args, exit);
        if (server == null) {
            System.exit(exit[0]);
        }
        io.secplane.contract.ContractCatalog.preload();
        // Spring Session's JDBC repository reads Spring's table of SQL error codes as it is made (an
        // XML document parsed and validated: a sixth of a second of the start on JDK 17); read here,
        // on a thread beside the start, it is ready by then (the class's own lock makes the start
        // wait for it, never read it twice)
        Thread codes = new Thread(org.springframework.jdbc.support.SQLErrorCodesFactory::getInstance, "sql-error-codes-preload");
        codes.setDaemon(true);
        codes.start();
        // Tomcat puts the PEM key in a keystore in memory, and the JDK protects a key there as it would
        // in a file, with 10,000 rounds of PBKDF2 to store it and 10,000 to read it back: a third of a
        // second of every start spent on a keystore that never leaves the process. (This process
        // writes no keystore; a user's -D setting still wins.)
        if (System.getProperty(PKCS12_ROUNDS) == null) {
            System.setProperty(PKCS12_ROUNDS, "1");
        }
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
