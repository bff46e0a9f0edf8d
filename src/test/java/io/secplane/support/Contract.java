package io.secplane.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/** Checks a response against the OpenAPI contract in {@code contract/}. */
public final class Contract {

    private static final OpenApiInteractionValidator SCC = load("contract/scc-platform.openapi.yaml");
    private static final OpenApiInteractionValidator IROH = load("contract/xdr-iroh.openapi.yaml");
    private static final OpenApiInteractionValidator SECURE_ENDPOINT = load("contract/secure-endpoint-v3.openapi.yaml");
    private static final OpenApiInteractionValidator OPERATOR = load("contract/operator.openapi.yaml");

    /** The contract of the API family a host name serves. */
    static OpenApiInteractionValidator forHost(String host) {
        if (host == null) {
            return SCC;
        }
        if (host.startsWith("visibility.")) {
            return IROH;
        }
        if (host.matches("^api\\.(eu\\.|apjc\\.)?amp\\..*")) {
            return SECURE_ENDPOINT;
        }
        return SCC;
    }

    private static OpenApiInteractionValidator load(String file) {
        try {
            return OpenApiInteractionValidator.createForSpecificationUrl(Path.of(file).toUri().toString()).build();
        } catch (OpenApiInteractionValidator.ApiLoadException e) {
            throw new IllegalStateException("the contract " + file + " does not load: " + e.getParseMessages(), e);
        }
    }

    private Contract() {
    }

    /** The problems found; empty when the response is what the contract says. */
    public static List<String> problems(String method, String path, int status, Map<String, List<String>> headers,
                                        String body) {
        return problems(SCC, method, path, status, headers, body);
    }

    public static List<String> problems(String host, String method, String path, int status,
                                        Map<String, List<String>> headers, String body) {
        if (path.startsWith("/operator/") && forHost(host) == SCC) {
            return problems(OPERATOR, method, path, status, headers, body);
        }
        return problems(forHost(host), method, path, status, headers, body);
    }

    private static List<String> problems(OpenApiInteractionValidator validator, String method, String path, int status,
                                         Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> {
            if (name != null) {
                response.withHeader(name, values);
            }
        });
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), response.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}
