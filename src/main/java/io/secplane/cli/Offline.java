package io.secplane.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.secplane.SecplaneApplication;

/**
 * Runs a command against the database with the server's beans but no web server and no first-start
 * work: what the commands of the machine that runs the server share.
 */
final class Offline {

    private Offline() {
    }

    static int run(SecplaneCommand.Storage storage, ToIntFunction<ConfigurableApplicationContext> work) {
        List<String> args = new ArrayList<>(storage.properties());
        args.add("--secplane.https.enabled=false");
        args.add("--secplane.http.enabled=false");
        args.add("--secplane.bootstrap.enabled=false");
        args.add("--logging.level.root=OFF");
        args.add("--spring.main.banner-mode=off");
        // only the beans the command uses: the server's web beans (controllers take the current
        // request) have no request to take outside a web server (the server itself builds all at start)
        args.add("--spring.main.lazy-initialization=true");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SecplaneApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(args.toArray(String[]::new))) {
            return work.applyAsInt(ctx);
        } catch (io.secplane.web.ApiException e) {
            System.err.println("secplane: " + e.getMessage()
                    + (e.details().isEmpty() ? "" : " " + e.details().stream().map(d -> d.field() + " " + d.message()).toList()));
            return 2;
        } catch (RuntimeException e) {
            String why = String.valueOf(rootCause(e).getMessage());
            System.err.println(why.contains("already in use") || why.contains("locked")
                    ? "secplane: the database is in use by a running server; stop it first (./secplane stop) and run this again."
                    : "secplane: cannot open the database: " + why);
            return 1;
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
