package io.secplane.web;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.secplane.hosts.Host;
import io.secplane.hosts.HostKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an error in the shape of the API family the request's host belongs to, and logs it with
 * its tracking id. Used by the exception handler, the security entry points and the filters, so
 * every error of a host looks the same wherever it was raised.
 */
@Component
public class ErrorWriter {

    private static final Logger log = LoggerFactory.getLogger(ErrorWriter.class);
    private final JsonMapper json;
    private final org.springframework.beans.factory.ObjectProvider<HtmlErrors> html;

    /** Errors of the console's pages, written as a page. */
    public interface HtmlErrors {
        /** The page for this error, or null when the request is not the console's. */
        String page(HttpServletRequest request, ApiException e, String trackingId);
    }

    public ErrorWriter(JsonMapper json, org.springframework.beans.factory.ObjectProvider<HtmlErrors> html) {
        this.json = json;
        this.html = html;
    }

    private String html(HttpServletRequest request, ApiException e) {
        if (!mayBeConsole(request)) {
            return null; // an API's error: the console's page machinery is not even looked up
        }
        HtmlErrors pages = html.getIfAvailable();
        if (pages == null) {
            return null;
        }
        String page;
        try {
            page = pages.page(request, e, RequestContext.trackingId(request));
        } catch (RuntimeException unreadable) {
            return null; // a request the container could not even read (no host, no route): the JSON shape
        }
        if (page != null) {
            body(request, e); // logged as every error is
        }
        return page;
    }

    /**
     * A request of the console's (its pages, forms and assets are on the global host only). A request
     * the container refused before the front filter saw it (a request line too long to read, say) has
     * no route and no known host: it is never the console's, whatever its path looks like.
     */
    private static boolean mayBeConsole(HttpServletRequest request) {
        if (request.getAttribute(Host.ATTRIBUTE) == null || Host.of(request).kind() != HostKind.SCC_GLOBAL) {
            return false;
        }
        io.secplane.contract.ContractCatalog.Route route = io.secplane.contract.ContractCatalog.Route.of(request);
        if (route == null) {
            return false;
        }
        return route.operation() != null
                ? route.operation().api() == io.secplane.contract.ContractCatalog.Api.CONSOLE
                : request.getRequestURI() != null && !request.getRequestURI().startsWith("/v1/")
                        && !request.getRequestURI().startsWith("/operator/");
    }

    public ResponseEntity<Object> entity(HttpServletRequest request, ApiException e) {
        String page = html(request, e);
        if (page != null) {
            return ResponseEntity.status(e.code().status()).contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").body(page);
        }
        ResponseEntity.BodyBuilder b = ResponseEntity.status(e.code().status()).contentType(MediaType.APPLICATION_JSON);
        e.headers().forEach(b::header);
        if (Host.of(request).kind() == HostKind.XDR) {
            b.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return b.body(body(request, e));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        String page = html(request, e);
        if (page != null) {
            response.setStatus(e.code().status().value());
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.getOutputStream().write(page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        response.setStatus(e.code().status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        e.headers().forEach(response::setHeader);
        json.writeValue(response.getOutputStream(), body(request, e));
    }

    public Map<String, Object> body(HttpServletRequest request, ApiException e) {
        String trackingId = RequestContext.trackingId(request);
        int status = e.code().status().value();
        Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String o ? o : request.getRequestURI();
        if (status == 505) {
            log.warn("trackingId={} status={} {} {} -> {}", trackingId, status, request.getMethod(), uri, e.getMessage());
        } else if (status >= 500 && status != 501 && status != 503) {
            log.error("trackingId={} status={} {} {} -> {}", trackingId, status, request.getMethod(), uri, e.getMessage());
        } else {
            log.info("trackingId={} status={} {} {} -> {}", trackingId, status, request.getMethod(), uri, e.getMessage());
        }
        HostKind kind = Host.of(request).kind();
        return switch (kind) {
            case XDR -> iroh(e);
            case SECURE_ENDPOINT -> secureEndpoint(e);
            default -> scc(request, e, trackingId);
        };
    }

    private static Map<String, Object> scc(HttpServletRequest request, ApiException e, String trackingId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code().code());
        body.put("statusCode", e.code().status().value());
        body.put("message", e.getMessage());
        body.put("trackingId", trackingId);
        body.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        body.put("path", original instanceof String o ? o : request.getRequestURI());
        if (!e.details().isEmpty()) {
            List<Map<String, String>> details = e.details().stream()
                    .map(d -> {
                        Map<String, String> m = new LinkedHashMap<>();
                        m.put("field", d.field());
                        m.put("message", d.message());
                        return m;
                    })
                    .toList();
            body.put("details", details);
        }
        return body;
    }

    private static Map<String, Object> iroh(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code().code());
        body.put("error_description", e.getMessage());
        return body;
    }

    private static Map<String, Object> secureEndpoint(ApiException e) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("error_code", e.code().status().value());
        item.put("description", e.code().status().getReasonPhrase());
        List<String> details = new java.util.ArrayList<>();
        details.add(e.getMessage());
        List<Object> errors = new java.util.ArrayList<>();
        errors.add(item);
        for (ApiException.FieldProblem p : e.details()) {
            // as Rails words a refused field ("Name has already been taken"), which clients look for
            String full = p.field() == null ? p.message()
                    : Character.toUpperCase(p.field().charAt(0)) + p.field().substring(1) + " " + p.message();
            details.add(full);
            if (e.code() == ErrorCode.UNPROCESSABLE) {
                errors.add(full);
            }
        }
        item.put("details", details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "v3.0.0");
        body.put("errors", errors);
        return body;
    }
}
