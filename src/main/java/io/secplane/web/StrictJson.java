package io.secplane.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way request JSON is read: duplicate keys, trailing content, invalid UTF-8, lone UTF-16
 * surrogates and NUL characters are refused with a 400 that says where, before any service sees the
 * body (a lone surrogate stored and echoed back makes strict parsers reject the answer; PostgreSQL
 * refuses NUL). The server's own mapper, which binds bodies, is made equally strict.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    private static final int MAX_DEPTH = 64;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Bean
    static JsonMapperBuilderCustomizer strictBinding() {
        // fields in the contract's order (the generated models declare them so), not sorted
        return b -> b.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(tools.jackson.databind.MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .disable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);
    }

    /** Parses a body and checks every string in it; throws a 400 {@link ApiException}. */
    public JsonNode read(byte[] body) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest(describe(e));
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("The request body is empty; send a JSON value.");
        }
        List<ApiException.FieldProblem> problems = new ArrayList<>();
        check(node, "", 0, problems);
        List<ApiException.FieldProblem> numbers = problems.stream().filter(p -> p.message().startsWith(BEYOND)).toList();
        if (!numbers.isEmpty()) {
            // every number field of the contracts is an integer: one past 64 bits is no value of any field
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The request body does not match the contract: "
                    + numbers.get(0).field() + " " + numbers.get(0).message() + ".", numbers);
        }
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body holds text no field may hold: "
                    + problems.get(0).field() + " " + problems.get(0).message() + ".", problems);
        }
        return node;
    }

    private static final String BEYOND = "is a number beyond the range of a 64-bit integer";

    /** A parse failure in words, with where it happened; never a Java type name. */
    public static String describe(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String reason;
        if (why.startsWith("Duplicate Object property") || why.startsWith("Duplicate field")) {
            reason = "a key appears twice in one object (" + quoted(why) + ")";
        } else if (why.contains("UTF-8") || why.contains("Invalid UTF")) {
            reason = "it is not valid UTF-8";
        } else if (why.contains("Trailing token") || why.contains("trailing")) {
            reason = "there is more after the JSON value";
        } else if (why.contains("nesting depth")) {
            reason = "it is nested too deeply";
        } else if (why.contains("end-of-input") || why.contains("No content")) {
            reason = "it ends too early";
        } else {
            reason = "it is malformed";
        }
        return "The request body is not valid JSON" + where + ": " + reason + ".";
    }

    private static String quoted(String message) {
        int a = message.indexOf('\'');
        int b = a < 0 ? -1 : message.indexOf('\'', a + 1);
        return a >= 0 && b > a ? "'" + message.substring(a + 1, b) + "'" : "a key";
    }

    private static void check(JsonNode node, String path, int depth, List<ApiException.FieldProblem> problems) {
        if (depth > MAX_DEPTH) {
            problems.add(new ApiException.FieldProblem(path.isEmpty() ? "/" : path,
                    "is nested more than " + MAX_DEPTH + " levels deep"));
            return;
        }
        if (node.isNumber() && !node.canConvertToLong()) {
            problems.add(new ApiException.FieldProblem(path.isEmpty() ? "/" : path, BEYOND
                    + " (-9223372036854775808 to 9223372036854775807); the contract says which values the field takes"));
        } else if (node.isString()) {
            String problem = textProblem(node.asString());
            if (problem != null) {
                problems.add(new ApiException.FieldProblem(path.isEmpty() ? "/" : path, problem));
            }
        } else if (node.isObject()) {
            for (var e : node.properties()) {
                String p = path + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                String problem = textProblem(e.getKey());
                if (problem != null) {
                    problems.add(new ApiException.FieldProblem(p, "(the key) " + problem));
                }
                check(e.getValue(), p, depth + 1, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "/" + i, depth + 1, problems);
            }
        }
    }

    /** Why a string cannot be stored and sent back as it is, or null. */
    public static String textProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains a lone UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains a lone UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }
}
