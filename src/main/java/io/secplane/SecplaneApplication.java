package io.secplane;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SecplaneApplication {

    public static void main(String[] args) {
        SpringApplication.run(SecplaneApplication.class, translateArguments(args));
    }

    /**
     * The short flags a user types (--demo, --data-dir=..., --database-url=...) become the
     * Spring properties they stand for; every other argument passes through unchanged.
     */
    public static String[] translateArguments(String[] args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--demo")) {
                out.add("--secplane.demo=true");
            } else if (arg.startsWith("--data-dir=")) {
                out.add("--secplane.data-dir=" + arg.substring("--data-dir=".length()));
            } else if (arg.startsWith("--database-url=")) {
                out.add("--spring.datasource.url=" + arg.substring("--database-url=".length()));
            } else if (arg.startsWith("--database-user=")) {
                out.add("--spring.datasource.username=" + arg.substring("--database-user=".length()));
            } else if (arg.startsWith("--database-password=")) {
                out.add("--spring.datasource.password=" + arg.substring("--database-password=".length()));
            } else {
                out.add(arg);
            }
        }
        return out.toArray(String[]::new);
    }
}
