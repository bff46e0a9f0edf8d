package io.secplane.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the benchmarks share: one client asking the same GET n times in a row, each answer's time. */
final class Timings {

    private Timings() {
    }

    /** The time of each of n GETs of a URL on a host, with a bearer token; any answer but 200 stops the run. */
    static long[] measure(HttpClient http, String host, String token, String url, int n) throws Exception {
        long[] out = new long[n];
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Host", host).GET().build();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            out[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
            }
        }
        return out;
    }
}
