package io.secplane.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks request fields and gathers every problem, so one 400 names all of them under
 * {@code details}.
 */
public final class Fields {

    private final List<ApiException.FieldProblem> problems = new ArrayList<>();

    public String text(String field, String value, boolean required, int max) {
        if (value == null) {
            if (required) {
                problems.add(new ApiException.FieldProblem(field, "is required"));
            }
            return null;
        }
        String v = value.strip();
        if (v.isEmpty() && required) {
            problems.add(new ApiException.FieldProblem(field, "must not be blank"));
        } else if (v.codePointCount(0, v.length()) > max) {
            problems.add(new ApiException.FieldProblem(field, "must be at most " + max + " characters"));
        } else if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            problems.add(new ApiException.FieldProblem(field, "must not contain control characters"));
        }
        return v;
    }

    public <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, boolean required) {
        if (value == null) {
            if (required) {
                problems.add(new ApiException.FieldProblem(field, "is required; one of " + names(type)));
            }
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.strip())) {
                return e;
            }
        }
        problems.add(new ApiException.FieldProblem(field, "'" + value + "' is not one of " + names(type)));
        return null;
    }

    public void problem(String field, String message) {
        problems.add(new ApiException.FieldProblem(field, message));
    }

    /** Throws the 400 that lists every problem found, if any. */
    public void check() {
        if (!problems.isEmpty()) {
            String summary = problems.stream().map(p -> p.field() + " " + p.message())
                    .collect(Collectors.joining("; "));
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Invalid request: " + summary + ".", problems);
        }
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", "));
    }
}
