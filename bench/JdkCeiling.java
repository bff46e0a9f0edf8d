import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The machine's HTTP ceiling for the benchmark: the JDK's own minimal HTTP server on loopback, a few
 * threads, a constant JSON answer. Run with: java bench/JdkCeiling.java PORT
 */
public class JdkCeiling {
    public static void main(String[] args) throws IOException {
        // without it the server waits for the delayed ACK between head and body: 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] body = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"ceiling\",\"use\":\"sig\",\"alg\":\"RS256\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 128);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("ceiling: listening on " + args[0]);
    }
}
