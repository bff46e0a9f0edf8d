package io.secplane.web;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.secplane.contract.ContractCatalog;

/**
 * The rate and latency of requests per operation of the contracts ({@code secplane_requests_seconds}
 * with the tags api, operation and status), timed by the front filter from the first byte it sees to
 * the answer. One timer per operation and status, found in a map: Spring's observation of each
 * request (an observation, a long-task timer and tag sorting at every request) cost several times more.
 */
@Component
public class RequestMetrics {

    private final MeterRegistry meters;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(ContractCatalog.Route route, int status, long nanos) {
        ContractCatalog.Operation op = route == null ? null : route.operation();
        String operation = op == null ? "none" : op.operationId();
        Timer timer = timers.get(operation + status);
        if (timer == null) {
            timer = timers.computeIfAbsent(operation + status, k -> Timer.builder("secplane.requests")
                    .description("Requests by operation of the contracts and status")
                    .tag("api", op == null ? "none" : op.api().name().toLowerCase(Locale.ROOT))
                    .tag("operation", operation)
                    .tag("status", String.valueOf(status))
                    .register(meters));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
