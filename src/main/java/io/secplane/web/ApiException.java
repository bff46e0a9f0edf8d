package io.secplane.web;

import java.util.List;

/** A client-visible failure: the error mapper turns it into the host's error shape. */
public class ApiException extends RuntimeException {

    /** One field's problem, listed under {@code details}. */
    public record FieldProblem(String field, String message) {
    }

    private final ErrorCode code;
    private final transient List<FieldProblem> details;
    private final transient java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ApiException(ErrorCode code, String message, List<FieldProblem> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldProblem> details() {
        return details;
    }

    /** A header the error answer must carry (a challenge, Retry-After, ...). */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException notImplemented(String what) {
        return new ApiException(ErrorCode.NOT_IMPLEMENTED, what + " is not implemented yet in this version of Secplane.");
    }
}
