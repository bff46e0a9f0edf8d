package io.secplane.contract;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.ControllerAdviceBean;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolverComposite;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatcher's first handler adapter: a handler that answers a JSON entity (a
 * {@code ResponseEntity} of a model class of ours, which is every JSON operation of the APIs) is
 * called with Spring's own argument resolvers and its answer written at once, with its length: no
 * model, no content negotiation among converters, one write to the socket. The same dispatcher, the
 * same interceptors and the same error mapper as every other request; only the handler's call and
 * the writing of its answer are done here.
 * <p>
 * Spring's own adapter ({@link RequestMappingHandlerAdapter}) answers anything else: another kind of
 * answer (pages, files, plain text), an {@code Accept} header other than JSON or anything (406 and
 * content negotiation are its), a conditional request, and every request at all once the application
 * has a {@link ResponseBodyAdvice} (which only its adapter applies).
 */
@Component
public class JsonHandlerAdapter implements HandlerAdapter, Ordered, SmartInitializingSingleton {

    private final ObjectProvider<RequestMappingHandlerAdapter> spring;
    private final ApplicationContext context;
    private final JsonMapper json;
    /** Per handler method: how to call it, or none when its answer is not a JSON entity. */
    private final Map<java.lang.reflect.Method, Optional<InvocableHandlerMethod>> invocables = new ConcurrentHashMap<>();
    private final DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
    private RequestMappingHandlerAdapter fallback;
    private HandlerMethodArgumentResolverComposite resolvers;
    private WebDataBinderFactory binders;
    private boolean advised;

    public JsonHandlerAdapter(ObjectProvider<RequestMappingHandlerAdapter> spring, ApplicationContext context, JsonMapper json) {
        this.spring = spring;
        this.context = context;
        this.json = json;
    }

    @Override
    public void afterSingletonsInstantiated() {
        fallback = spring.getIfAvailable();
        if (fallback == null) {
            return; // no web server here (a command of the command line): nothing to adapt
        }
        resolvers = new HandlerMethodArgumentResolverComposite();
        resolvers.addResolvers(fallback.getArgumentResolvers());
        binders = new ServletRequestDataBinderFactory(null, fallback.getWebBindingInitializer());
        advised = ControllerAdviceBean.findAnnotatedBeans(context).stream()
                .anyMatch(a -> a.getBeanType() != null && ResponseBodyAdvice.class.isAssignableFrom(a.getBeanType()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public boolean supports(Object handler) {
        return fallback != null && !advised && handler instanceof HandlerMethod h && invocable(h).isPresent();
    }

    @Override
    public ModelAndView handle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!plainJson(request)) {
            return fallback.handle(request, response, handler);
        }
        InvocableHandlerMethod invocable = invocable((HandlerMethod) handler).orElseThrow();
        Object value = invocable.invokeForRequest(new ServletWebRequest(request, response), new ModelAndViewContainer());
        write(response, (ResponseEntity<?>) value);
        return null;
    }

    private void write(HttpServletResponse response, ResponseEntity<?> entity) throws java.io.IOException {
        if (entity == null) {
            return;
        }
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        Object body = entity.getBody();
        if (body == null) {
            return;
        }
        byte[] bytes = json.writeValueAsBytes(body);
        if (entity.getHeaders().getContentType() == null) {
            response.setContentType("application/json");
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * A request that takes JSON as it comes (no Accept, anything, or JSON alone: what nearly every
     * client sends) and asks for no condition (which only Spring's adapter weighs).
     */
    private static boolean plainJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return (accept == null || accept.equals("*/*") || accept.equals("application/json"))
                && request.getHeader("If-None-Match") == null && request.getHeader("If-Modified-Since") == null
                && request.getHeader("If-Match") == null && request.getHeader("If-Unmodified-Since") == null;
    }

    private Optional<InvocableHandlerMethod> invocable(HandlerMethod handler) {
        return invocables.computeIfAbsent(handler.getMethod(), m -> Optional.ofNullable(make(handler)));
    }

    /** The handler made callable, when it answers a JSON entity: a ResponseEntity of a model class of ours. */
    private InvocableHandlerMethod make(HandlerMethod handler) {
        if (handler.getReturnType().getParameterType() != ResponseEntity.class) {
            return null;
        }
        Class<?> body = ResolvableType.forMethodParameter(handler.getReturnType()).getGeneric(0).resolve();
        if (body == null || !body.getName().startsWith("io.secplane.")) {
            return null;
        }
        RequestMapping mapped = handler.getMethodAnnotation(RequestMapping.class);
        if (mapped != null && mapped.produces().length > 0 && !mapped.produces()[0].equals("application/json")) {
            return null;
        }
        InvocableHandlerMethod invocable = new InvocableHandlerMethod(handler.createWithResolvedBean());
        invocable.setHandlerMethodArgumentResolvers(resolvers);
        invocable.setDataBinderFactory(binders);
        invocable.setParameterNameDiscoverer(names);
        return invocable;
    }
}
