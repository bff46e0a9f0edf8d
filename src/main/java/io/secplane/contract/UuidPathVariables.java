package io.secplane.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.View;

/**
 * The {@code @PathVariable UUID} arguments of every handler (nearly every id of the APIs), read as
 * Spring's own resolver reads them, without a data binder made for each argument of each request
 * (with its conversion-service lookup that compares annotations): that was 3% of what an
 * authenticated GET cost. The same meaning, the same exceptions for the error mapper:
 * <ul>
 * <li>the text is trimmed and read by {@link UUID#fromString} (Spring's {@code StringToUUIDConverter});
 * <li>text that is not a UUID: {@link MethodArgumentTypeMismatchException} with the text and the name;
 * <li>blank text: {@link MissingPathVariableException} "after conversion" (a client's 400), no
 * variable at all: {@link MissingPathVariableException} (the mapping's fault, a 500), unless the
 * variable is optional;
 * <li>the value is put among the request's {@link View#PATH_VARIABLES}, as Spring's resolver does.
 * </ul>
 * Any other {@code @PathVariable} (another type, an {@code Optional}, a map) stays with Spring's.
 */
public final class UuidPathVariables implements HandlerMethodArgumentResolver {

    private record Variable(String name, boolean required) {
    }

    private final Map<MethodParameter, Variable> variables = new ConcurrentHashMap<>();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == UUID.class && parameter.hasParameterAnnotation(PathVariable.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) throws Exception {
        Variable v = variables.computeIfAbsent(parameter, UuidPathVariables::variable);
        @SuppressWarnings("unchecked")
        Map<String, String> all = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        String text = all == null ? null : all.get(v.name());
        if (text == null) {
            if (v.required()) {
                throw new MissingPathVariableException(v.name(), parameter);
            }
            return null;
        }
        UUID value;
        try {
            value = read(text);
        } catch (IllegalArgumentException e) {
            throw new MethodArgumentTypeMismatchException(text, UUID.class, v.name(), parameter, e);
        }
        if (value == null && v.required()) {
            throw new MissingPathVariableException(v.name(), parameter, true);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) request.getAttribute(View.PATH_VARIABLES,
                RequestAttributes.SCOPE_REQUEST);
        if (shown == null) {
            shown = new HashMap<>();
            request.setAttribute(View.PATH_VARIABLES, shown, RequestAttributes.SCOPE_REQUEST);
        }
        shown.put(v.name(), value);
        return value;
    }

    /**
     * An id's text in a path read as Spring's converter reads it: null when blank, else the trimmed
     * text as a UUID ({@link IllegalArgumentException} when it is not one). The one reading of ids in
     * paths, for the handlers and for the authorizer before them.
     */
    public static UUID read(String text) {
        return StringUtils.hasText(text) ? UUID.fromString(text.trim()) : null;
    }

    /** The variable's name as Spring finds it: the annotation's name or value, else the parameter's. */
    private static Variable variable(MethodParameter parameter) {
        PathVariable annotation = parameter.getParameterAnnotation(PathVariable.class);
        String name = annotation == null ? "" : StringUtils.hasText(annotation.name()) ? annotation.name() : annotation.value();
        if (name.isEmpty()) {
            // (the handler method has set its parameters' name discovery before any is resolved)
            name = parameter.getParameterName();
            if (name == null) {
                throw new IllegalArgumentException("The name of the path variable of type UUID in "
                        + parameter.getExecutable() + " is not given and cannot be found; name it in @PathVariable.");
            }
        }
        return new Variable(name, annotation == null || annotation.required());
    }
}
