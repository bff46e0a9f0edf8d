package io.secplane.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.secplane.contract.ContractCatalog.Operation;
import io.secplane.hosts.Host;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.RequestParameters;
import io.secplane.web.StrictJson;
import io.secplane.web.StrictRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * Checks a JSON request body against its operation's schema in the contract before the body is
 * bound or any service runs: a wrong type, an unknown field, a value out of range or too long is a
 * 400 that names every field at fault. Lengths are counted in code points, as the contract says;
 * the database columns hold any value the contract allows.
 */
@Component
public class ContractValidator implements HandlerInterceptor {

    private static final String BASE = "https://secplane.invalid/contract/";
    private final ContractCatalog catalog;
    private final StrictJson json;
    private final SchemaRegistry registry;
    private final Map<Operation, Schema> schemas = new ConcurrentHashMap<>();

    public ContractValidator(ContractCatalog catalog, StrictJson json) {
        this.catalog = catalog;
        this.json = json;
        Map<String, String> documents = new java.util.HashMap<>();
        for (ContractCatalog.Api api : ContractCatalog.Api.values()) {
            documents.put(BASE + api.name(), catalog.document(api).toString());
        }
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(documents));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return true;
        }
        Operation op = catalog.of(request, Host.of(request).kind()).orElse(null);
        if (op == null || op.jsonBodyPointer() == null) {
            return true;
        }
        StrictRequest strict = RequestParameters.strict(request);
        if (strict.body().length == 0) {
            return true;
        }
        if (op.acceptsForm() && !RequestParameters.looksLikeJsonObject(strict.body())) {
            return true; // a form labelled application/json, as some clients of the token endpoints send
        }
        JsonNode body = json.read(strict.body());
        request.setAttribute(BODY, body);
        List<Error> errors = schema(op).validate(body);
        if (!errors.isEmpty()) {
            List<ApiException.FieldProblem> problems = new ArrayList<>();
            for (Error e : errors) {
                problems.add(new ApiException.FieldProblem(field(e), message(e)));
            }
            String summary = problems.stream().limit(5).map(p -> p.field() + ": " + p.message())
                    .collect(java.util.stream.Collectors.joining("; "));
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "The request body does not match the contract of " + op.operationId() + ": " + summary + ".", problems);
        }
        return true;
    }

    /** The JSON body as the contract checked it, for the fields a handler must tell absent from empty. */
    public static final String BODY = ContractValidator.class.getName() + ".body";

    /** Whether the request's JSON body names a field at its top level. */
    public static boolean sent(jakarta.servlet.http.HttpServletRequest request, String field) {
        return request.getAttribute(BODY) instanceof JsonNode body && body.has(field);
    }

    private Schema schema(Operation op) {
        return schemas.computeIfAbsent(op, o -> registry.getSchema(
                SchemaLocation.of(BASE + o.api().name() + "#" + o.jsonBodyPointer())));
    }

    /** The field as a JSON pointer into the body ("/" for the whole body). */
    private static String field(Error e) {
        String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
        StringBuilder pointer = new StringBuilder();
        if (at.startsWith("/")) {
            pointer.append(at.length() == 1 ? "" : at);
        }
        // the validator's paths look like $.a.b[0]; the body's fields are named as JSON pointers
        for (String part : at.replaceFirst("^\\$", "").split("(?=[.\\[])")) {
            if (part.startsWith(".")) {
                pointer.append('/').append(part.substring(1));
            } else if (part.startsWith("[")) {
                pointer.append('/').append(part.replaceAll("[\\[\\]'\"]", ""));
            }
        }
        if (e.getProperty() != null && "required".equals(e.getKeyword())) {
            pointer.append('/').append(e.getProperty());
        }
        return pointer.length() == 0 ? "/" : pointer.toString();
    }

    private static String message(Error e) {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        return m.startsWith("$") && colon > 0 ? m.substring(colon + 2) : m;
    }
}
