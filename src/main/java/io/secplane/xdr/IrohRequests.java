package io.secplane.xdr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;

import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parameters of a request to the XDR and Secure Endpoint hosts, from the query and from a
 * form or JSON body, whatever the method (clients send form bodies on GETs too). Repeats are kept,
 * so that the token endpoint can refuse them.
 */
@Component
public class IrohRequests {

    private final JsonMapper json;

    public IrohRequests(JsonMapper json) {
        this.json = json;
    }

    /** The first value of a parameter, or null. */
    public static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            addForm(out, query);
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        String body;
        try {
            body = StreamUtils.copyToString(request.getInputStream(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body cannot be read.");
        }
        if (body.isEmpty() && type.contains("x-www-form-urlencoded")) {
            // the container may have read the form already
            request.getParameterMap().forEach((k, v) -> {
                if (!out.containsKey(k)) {
                    out.put(k, new ArrayList<>(List.of(v)));
                }
            });
            return out;
        }
        if (body.isEmpty()) {
            return out;
        }
        if (type.contains("json") || body.startsWith("{")) {
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (tools.jackson.core.JacksonException e) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body is not valid JSON.");
            }
            if (!node.isObject()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object.");
            }
            for (var e : node.properties()) {
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
            }
        } else {
            addForm(out, body);
        }
        return out;
    }

    private static void addForm(Map<String, List<String>> out, String form) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The form body is not validly encoded.");
        }
    }
}
