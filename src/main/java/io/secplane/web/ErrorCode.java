package io.secplane.web;

import org.springframework.http.HttpStatus;

/** The short codes carried in the {@code error} field of every SCC error body. */
public enum ErrorCode {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid_request"),
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "validation_failed"),
    UNSUPPORTED_GRANT_TYPE(HttpStatus.BAD_REQUEST, "unsupported_grant_type"),
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "invalid_token"),
    INVALID_JWT(HttpStatus.UNAUTHORIZED, "invalid_jwt"),
    /** IROH's answer to a request with no token at all (recorded): 401 with the code invalid_request. */
    MISSING_TOKEN(HttpStatus.UNAUTHORIZED, "invalid_request"),
    INVALID_CLIENT(HttpStatus.UNAUTHORIZED, "invalid_client"),
    INVALID_SCOPE(HttpStatus.BAD_REQUEST, "invalid_scope"),
    INVALID_GRANT(HttpStatus.UNAUTHORIZED, "invalid_grant"),
    INSUFFICIENT_SCOPE(HttpStatus.FORBIDDEN, "insufficient_scope"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not_found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not_acceptable"),
    CONFLICT(HttpStatus.CONFLICT, "conflict"),
    PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "precondition_failed"),
    /** A well-formed change refused for what it says (a name taken, a field the type does not have): v3's 422. */
    UNPROCESSABLE(HttpStatus.UNPROCESSABLE_CONTENT, "unprocessable"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error"),
    NOT_IMPLEMENTED(HttpStatus.NOT_IMPLEMENTED, "not_implemented"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable"),
    /** A request line naming another HTTP version than 1.1 or 1.0 (ours: the code names the status). */
    HTTP_VERSION_NOT_SUPPORTED(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "http_version_not_supported");

    private final HttpStatus status;
    private final String code;

    ErrorCode(HttpStatus status, String code) {
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
