package io.secplane.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * The parameters of a request from the query, a form body or a JSON object body, whatever the
 * method (clients of the token endpoints send any of them, and form bodies on GETs). Repeats are
 * kept, so that a caller can refuse them. Decoding was done once, strictly, by {@link StrictRequest}.
 */
@Component
public class RequestParameters {

    private final StrictJson json;

    public RequestParameters(StrictJson json) {
        this.json = json;
    }

    /** The first value of a parameter, or null. */
    public static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The request as the front filter decoded it. */
    public static StrictRequest strict(HttpServletRequest request) {
        Object strict = request.getAttribute(StrictRequest.ATTRIBUTE);
        if (!(strict instanceof StrictRequest)) {
            throw new IllegalStateException("the front filter did not run on this request");
        }
        return (StrictRequest) strict;
    }

    /** Whether a body is a JSON object (its first non-blank character is '{'). */
    public static boolean looksLikeJsonObject(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    public Map<String, List<String>> of(HttpServletRequest request) {
        StrictRequest strict = strict(request);
        Map<String, List<String>> out = new LinkedHashMap<>();
        strict.queryParameters().forEach((k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        strict.formParameters().forEach((k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        byte[] body = strict.body();
        if (body.length == 0 || !strict.formParameters().isEmpty()) {
            return out;
        }
        if (looksLikeJsonObject(body)) {
            JsonNode node = json.read(body);
            for (var e : node.properties()) {
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
            }
        } else {
            // a form body sent without its Content-Type, or labelled JSON, as real clients do
            StrictRequest.decodeForm(body, "form body").forEach((k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        return out;
    }
}
