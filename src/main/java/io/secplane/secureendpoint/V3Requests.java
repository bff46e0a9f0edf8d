package io.secplane.secureendpoint;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.secplane.access.Authentication;
import io.secplane.access.Principal;
import io.secplane.hosts.Host;
import io.secplane.products.Products;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.RequestParameters;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What every v3 operation reads from its request the same way: the Secure Endpoint organization the
 * path names (one of the caller's, in this host's region; any other is not found), the page
 * ({@code start} and {@code size}, in the query or, as real scripts send them, as a form body on a
 * GET), filters, and the guids in the path (one that is not a guid names nothing: not found).
 */
@Component
public class V3Requests {

    /** The {@code version} of every v3 envelope. */
    public static final String VERSION = "v3.0.0";
    public static final int MAX_SIZE = 500;

    private final RequestParameters parameters;
    private final Products products;
    private final HttpServletRequest request;

    public V3Requests(RequestParameters parameters, Products products, HttpServletRequest request) {
        this.parameters = parameters;
        this.products = products;
        this.request = request;
    }

    /** A page of a list: zero-based {@code start}, {@code size} items. */
    public record Page(int start, int size) {
    }

    /** The {@code meta} of a page of a list. */
    public static io.secplane.generated.se.model.PageMeta meta(Page page, long total) {
        return new io.secplane.generated.se.model.PageMeta(page.start(), page.size(), (int) Math.min(total, Integer.MAX_VALUE));
    }

    /** A page of a list held in memory (a catalogue). */
    public static <T> List<T> slice(List<T> all, Page page) {
        return all.subList(Math.min(page.start(), all.size()), (int) Math.min((long) page.start() + page.size(), all.size()));
    }

    /** What a page of a list found, and how many there are in all. */
    public record Found<T>(long total, List<T> items) {
    }

    public Page page() {
        return page(MAX_SIZE);
    }

    /** A page of a list whose pages hold at most {@code max} items. */
    public Page page(int max) {
        Map<String, List<String>> params = parameters.of(request);
        return new Page((int) number(RequestParameters.first(params, "start"), "start", 0, 0, Integer.MAX_VALUE),
                (int) number(RequestParameters.first(params, "size"), "size", Math.min(100, max), 1, max));
    }

    /** A text filter (query or form body), trimmed; null when not sent or blank. */
    public String text(String name, int maxLength) {
        String v = RequestParameters.first(parameters.of(request), name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.codePointCount(0, v.length()) > maxLength) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "'" + name + "' must have at most " + maxLength + " characters.");
        }
        return v.trim();
    }

    /** A filter that takes one of a few values; null when not sent. */
    public String oneOf(String name, Set<String> values) {
        String v = text(name, 64);
        if (v != null && !values.contains(v.toLowerCase(Locale.ROOT))) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "'" + name + "' must be one of " + String.join(", ",
                    new java.util.TreeSet<>(values)) + "; got '" + v + "'.");
        }
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    /** A number of seconds (a whole number of at least 1); null when not sent. */
    public Long seconds(String name) {
        String v = RequestParameters.first(parameters.of(request), name);
        return v == null || v.isBlank() ? null : number(v, name, 0, 1, 100L * 365 * 86_400);
    }

    /** The caller's Secure Endpoint organization the path names, in this host's region. */
    public Products.SeOrganization organization(String identifier) {
        Principal caller = Authentication.current();
        return products.seOrganization(caller.orgId(), Host.of(request).region(), identifier)
                .orElseThrow(() -> ApiException.notFound("Organization " + identifier + " not found."));
    }

    /** A guid of the path; a value that is not one names nothing. */
    public static UUID guid(String value, String what) {
        UUID id = parseGuid(value);
        if (id == null) {
            throw ApiException.notFound(what + " " + value + " not found.");
        }
        return id;
    }

    /** A guid as a client wrote it (36 characters), or null when it is not one. */
    public static UUID parseGuid(String value) {
        try {
            return value != null && value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A name to keep, trimmed; a blank one refuses the change (422), as every v3 name is checked. */
    public static String name(String value, String thing) {
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new ApiException(ErrorCode.UNPROCESSABLE, "The " + thing + " was not saved.",
                    List.of(new ApiException.FieldProblem("name", "can't be blank")));
        }
        return trimmed;
    }

    /** The refusal of a name another has ({@code where} says whose), with the words scripts look for. */
    public static ApiException nameTaken(String thing, String where) {
        return new ApiException(ErrorCode.UNPROCESSABLE, "The " + thing + " was not saved: its name is taken " + where + ".",
                List.of(new ApiException.FieldProblem("name", "has already been taken")));
    }

    static long number(String value, String name, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "'" + name + "' must be a whole number, got '" + value + "'.");
        }
        if (n < min || n > max) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "'" + name + "' must be between " + min + " and " + max + ".");
        }
        return n;
    }
}
