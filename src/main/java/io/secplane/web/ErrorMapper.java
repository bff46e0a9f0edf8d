package io.secplane.web;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/** The one place where failures become HTTP answers, in the shape of the request's host. */
@RestControllerAdvice
public class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    private final ErrorWriter writer;

    public ErrorMapper(ErrorWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
        ResponseEntity<Object> entity = writer.entity(request, e);
        String challenge = switch (e.code()) {
            case INSUFFICIENT_SCOPE -> "insufficient_scope";
            case INVALID_TOKEN -> "invalid_token";
            default -> null;
        };
        if (challenge == null || e.headers().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
            return entity;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(entity.getHeaders());
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + challenge + "\", error_description=\""
                + e.getMessage().replace('"', '\'') + "\"");
        return new ResponseEntity<>(entity.getBody(), headers, entity.getStatusCode());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof ApiException api) {
                return writer.entity(request, api);
            }
            cause = cause.getCause();
        }
        return writer.entity(request, ApiException.badRequest(describe(e)));
    }

    /** Why a body could not be bound, in the contract's words: never a Java type or class name. */
    private static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "Field '" + field + "' has the wrong type or a value out of range; see the operation's schema in the contract.";
        }
        if (cause instanceof MismatchedInputException) {
            return "The request body is not what this operation takes (a JSON object of the contract's schema).";
        }
        if (cause instanceof JacksonException json) {
            return StrictJson.describe(json);
        }
        return "The request body is missing or cannot be read.";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return writer.entity(request, mismatch(e.getName(), e.getValue(), e.getRequiredType()));
    }

    /** A parameter or path variable whose text is not of its type: what the client is told. */
    public static ApiException mismatch(String name, Object given, Class<?> type) {
        String expected;
        if (type == null) {
            expected = "a valid value";
        } else if (type.isEnum()) {
            expected = "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        } else {
            expected = switch (type.getSimpleName()) {
                case "UUID" -> "a UUID";
                case "Integer", "int", "Long", "long" -> "a whole number within range";
                case "Boolean", "boolean" -> "true or false";
                default -> "a valid value";
            };
        }
        if (given instanceof Object[] several && several.length > 1) {
            return new ApiException(ErrorCode.VALIDATION_FAILED,
                    "'" + name + "' is given " + several.length + " times; give it once.",
                    java.util.List.of(new ApiException.FieldProblem(name, "must be given once")));
        }
        String value = given == null ? "" : given instanceof Object[] one && one.length == 1
                ? String.valueOf(one[0]) : given.toString();
        if (value.length() > 64) {
            value = value.substring(0, 64) + "...";
        }
        return new ApiException(ErrorCode.VALIDATION_FAILED,
                "'" + name + "' must be " + expected + ", got '" + value + "'.",
                java.util.List.of(new ApiException.FieldProblem(name, "must be " + expected)));
    }

    /** A path variable that is there but blank (a '%20' where an id belongs), and other binding refusals. */
    @ExceptionHandler(org.springframework.web.bind.MissingPathVariableException.class)
    public ResponseEntity<Object> blankPathVariable(org.springframework.web.bind.MissingPathVariableException e,
                                                    HttpServletRequest request) {
        return writer.entity(request, blankInPath(e.getVariableName()));
    }

    /** A path variable that is there but blank: what the client is told. */
    public static ApiException blankInPath(String name) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "'" + name + "' in the path must not be blank.",
                java.util.List.of(new ApiException.FieldProblem(name, "must not be blank")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return writer.entity(request, ApiException.badRequest("The parameter '" + e.getParameterName() + "' is required."));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<Object> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return writer.entity(request, ApiException.badRequest("The header '" + e.getHeaderName() + "' is required."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        ResponseEntity<Object> entity = writer.entity(request, new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                "The method " + e.getMethod() + " is not allowed on " + request.getRequestURI()
                        + (e.getSupportedHttpMethods() == null ? "." : "; allowed: " + e.getSupportedHttpMethods() + ".")));
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(entity.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(entity.getBody(), headers, entity.getStatusCode());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return writer.entity(request, new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "The body's Content-Type " + (e.getContentType() == null ? "(none)" : e.getContentType())
                        + " is not accepted here; send " + e.getSupportedMediaTypes() + "."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return writer.entity(request, new ApiException(ErrorCode.NOT_ACCEPTABLE,
                "This endpoint answers only with " + e.getSupportedMediaTypes() + "."));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ResponseEntity<Object> noRoute(Exception e, HttpServletRequest request) {
        return writer.entity(request, ApiException.notFound(
                "No endpoint " + request.getMethod() + " " + request.getRequestURI() + "."));
    }

    /** The client went away while the answer was being written: nothing to answer, nothing wrong here. */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    public void clientGone(Exception e, HttpServletRequest request) {
        log.debug("trackingId={} the client closed the connection before the answer was written",
                RequestContext.trackingId(request));
    }

    /** The firewall's refusal of a parameter, met when a handler first reads the parameters (a name with CR or LF...). */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    public ResponseEntity<Object> rejected(org.springframework.security.web.firewall.RequestRejectedException e,
                                           HttpServletRequest request) {
        return writer.entity(request, ApiException.badRequest("The request's parameters are not accepted here: "
                + e.getMessage().replace('"', '\'').replaceAll("[\\r\\n]+", " ") + "."));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        ApiException unavailable = Unavailable.of(e);
        if (unavailable != null) {
            log.warn("trackingId={} {}: {}", RequestContext.trackingId(request), Unavailable.timedOut(e)
                    ? "a statement ran past its time limit" : Unavailable.contended(e)
                    ? "the database gave the request up for a concurrent one" : "the database is unavailable", e.toString());
            return writer.entity(request, unavailable);
        }
        if (removedMeanwhile(e)) {
            log.info("trackingId={} what the request refers to was removed by a concurrent one: {}",
                    RequestContext.trackingId(request), e.toString());
            return writer.entity(request, ApiException.conflict("Something this request refers to was removed by a concurrent "
                    + "request; nothing of it was done. Read it again before retrying."));
        }
        log.error("trackingId={} unexpected failure on {} {}", RequestContext.trackingId(request),
                request.getMethod(), request.getRequestURI(), e);
        return writer.entity(request, new ApiException(ErrorCode.INTERNAL_ERROR,
                "The server failed to handle this request; quote the trackingId when reporting it."));
    }

    /**
     * A write that names a row another request removed between the check and the write (a foreign key
     * without its row: SQL state 23503, and H2's 23506). Every other refusal names rows it has just
     * read and locked, so this is the race, not the client's mistake.
     */
    private static boolean removedMeanwhile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && ("23503".equals(s.getSQLState()) || "23506".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
