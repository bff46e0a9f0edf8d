package io.secplane.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.util.OnCommittedResponseWrapper;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolverComposite;
import org.springframework.web.method.support.InvocableHandlerMethod;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;
import org.springframework.web.util.ServletRequestPathUtils;

import io.secplane.contract.ContractCatalog;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The common case of the APIs, a contract's operation answered with JSON (every GET of a resource,
 * every token request, most writes), served without
 * the general machinery around it: the same firewall, the same token check
 * ({@link AccessTokens#principal}), the same security headers, the same handler mapping, the same
 * interceptors (the one authorizer among them), the same argument resolvers and the same error
 * mapper as the full chain; what it leaves out is what such a request never needed (Spring
 * Security's generic filters, the console's session filter, the model and view machinery, content
 * negotiation of a JSON body). Measured: a third of what an authenticated GET cost. The console's
 * pages never come here (their chain keeps sessions and CSRF tokens).
 * <p>
 * Anything else, and any request this chain is not sure of before the handler runs (no token, a
 * refused token, a path the firewall refuses, a conditional request, an Accept header other than
 * JSON, a body of a media type no mapping takes, a handler that answers something other than a JSON
 * entity), goes the full way, unchanged:
 * nothing has been done for it by then.
 */
@Component
public class LeanApiChain {

    private final AccessTokens tokens;
    private final ContractCatalog catalog;
    private final ObjectProvider<RequestMappingHandlerMapping> mapping;
    private final ObjectProvider<RequestMappingHandlerAdapter> adapter;
    private final ObjectProvider<HandlerExceptionResolver> errors;
    private final JsonMapper json;
    /** Per handler method: how to call it, or none when its answer is not a JSON entity. */
    private final Map<java.lang.reflect.Method, java.util.Optional<InvocableHandlerMethod>> invocables =
            new ConcurrentHashMap<>();
    private volatile HandlerMethodArgumentResolverComposite resolvers;
    private volatile WebDataBinderFactory binders;

    public LeanApiChain(AccessTokens tokens, ContractCatalog catalog, ObjectProvider<RequestMappingHandlerMapping> mapping,
                        ObjectProvider<RequestMappingHandlerAdapter> adapter,
                        @org.springframework.beans.factory.annotation.Qualifier("handlerExceptionResolver")
                        ObjectProvider<HandlerExceptionResolver> errors, JsonMapper json) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.mapping = mapping;
        this.adapter = adapter;
        this.errors = errors;
        this.json = json;
    }

    /** Serves the request and answers true, or answers false having done nothing (the full chain serves it). */
    public boolean serve(HttpServletRequest request, HttpServletResponse response, ContractCatalog.Route route)
            throws jakarta.servlet.ServletException, java.io.IOException {
        try {
            return tryServe(request, response, route);
        } catch (jakarta.servlet.ServletException | java.io.IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new jakarta.servlet.ServletException(e);
        }
    }

    private boolean tryServe(HttpServletRequest request, HttpServletResponse response, ContractCatalog.Route route)
            throws Exception {
        ContractCatalog.Operation op = route.operation();
        if (op == null || op.api() == ContractCatalog.Api.CONSOLE || !op.method().equals(request.getMethod())
                || request.getDispatcherType() != DispatcherType.REQUEST || !acceptsJson(request.getHeader("Accept"))
                || request.getHeader("If-None-Match") != null || request.getHeader("If-Modified-Since") != null
                || request.getHeader("If-Match") != null || request.getHeader("If-Unmodified-Since") != null) {
            return false;
        }
        HttpServletRequest checked;
        CallerAuthentication caller = null;
        try {
            checked = BearerTokens.FIREWALL.getFirewalledRequest(request);
            // the same question as the full chain's: the SCC hosts' bearer operations (the XDR and
            // Secure Endpoint tokens are checked by their own services, in the interceptors)
            if (SecurityConfig.needsAccessToken(catalog, request)) {
                // read past the firewall's check of header values: a token resolve answers is
                // printable ASCII by its own stricter check; any other header goes the full way
                String token = BearerTokens.resolve(request);
                if (token == null) {
                    return false;
                }
                caller = new CallerAuthentication(tokens.principal(token), token);
            }
        } catch (RequestRejectedException | AuthenticationException e) {
            return false;
        }
        // the mapping reads the path the front filter parsed (ContractHandlerMapping.initLookupPath):
        // kept on the request as Spring keeps its own, for this chain only (the full chain's
        // dispatcher parses the path itself, and finds nothing of it here)
        if (route.path() != null) {
            checked.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, route.path());
        }
        try {
            HandlerExecutionChain chain;
            try {
                chain = mapping.getObject().getHandler(checked);
            } catch (Exception e) {
                // no mapping takes it as sent (a media type, a method): the full chain answers 405, 406 or 415
                return false;
            }
            if (chain == null || !(chain.getHandler() instanceof HandlerMethod handler)) {
                return false;
            }
            InvocableHandlerMethod invocable = invocable(handler).orElse(null);
            if (invocable == null) {
                return false;
            }
            run(checked, response, caller, chain, handler, invocable);
            return true;
        } finally {
            checked.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, CallerAuthentication caller,
                     HandlerExecutionChain chain, HandlerMethod handler, InvocableHandlerMethod invocable)
            throws Exception {
        // the security headers are written when the answer is committed, as Spring Security's filter
        // does: a header the handler or the error mapper set (Cache-Control) is not overwritten
        HeadersOnCommit guarded = new HeadersOnCommit(request, response);
        response = guarded;
        ServletWebRequest web = new ServletWebRequest(request, response);
        RequestContextHolder.setRequestAttributes(web);
        if (caller != null) {
            var context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
            context.setAuthentication(caller);
            SecurityContextHolder.getContextHolderStrategy().setContext(context);
        }
        List<HandlerInterceptor> interceptors = chain.getInterceptorList();
        int done = -1;
        Exception failure = null;
        try {
            for (int i = 0; i < interceptors.size(); i++) {
                if (!interceptors.get(i).preHandle(request, response, handler)) {
                    return;
                }
                done = i;
            }
            Object value = invocable.invokeForRequest(web, new ModelAndViewContainer());
            write(guarded, (ResponseEntity<?>) value);
            for (int i = interceptors.size() - 1; i >= 0; i--) {
                interceptors.get(i).postHandle(request, response, handler, null);
            }
        } catch (Exception e) {
            failure = e;
            if (response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            if (errors.getObject().resolveException(request, response, handler, e) == null) {
                throw e;
            }
        } finally {
            guarded.write();
            for (int i = done; i >= 0; i--) {
                try {
                    interceptors.get(i).afterCompletion(request, response, handler, failure);
                } catch (Exception ignored) {
                    // as the dispatcher does: a failing completion callback does not change the answer
                }
            }
            SecurityContextHolder.getContextHolderStrategy().clearContext();
            web.requestCompleted();
            RequestContextHolder.resetRequestAttributes();
        }
    }

    private void write(HeadersOnCommit response, ResponseEntity<?> entity) throws java.io.IOException {
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
        response.write();
        response.getOutputStream().write(bytes);
    }

    /** The response, with the security headers written once: when it is committed, or at the end. */
    private static final class HeadersOnCommit extends OnCommittedResponseWrapper {

        private final HttpServletRequest request;
        private boolean written;

        HeadersOnCommit(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        protected void onResponseCommitted() {
            write();
        }

        void write() {
            if (!written) {
                written = true;
                for (HeaderWriter w : SecurityConfig.API_HEADERS) {
                    w.writeHeaders(request, (HttpServletResponse) getResponse());
                }
            }
        }
    }

    /** JSON when the request says nothing, anything, or JSON alone (what nearly every client sends). */
    private static boolean acceptsJson(String accept) {
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    private java.util.Optional<InvocableHandlerMethod> invocable(HandlerMethod handler) {
        return invocables.computeIfAbsent(handler.getMethod(), m -> java.util.Optional.ofNullable(make(handler)));
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
        if (resolvers == null) {
            RequestMappingHandlerAdapter a = adapter.getObject();
            HandlerMethodArgumentResolverComposite r = new HandlerMethodArgumentResolverComposite();
            r.addResolvers(a.getArgumentResolvers());
            binders = new ServletRequestDataBinderFactory(null, a.getWebBindingInitializer());
            resolvers = r;
        }
        InvocableHandlerMethod invocable = new InvocableHandlerMethod(handler);
        invocable.setHandlerMethodArgumentResolvers(resolvers);
        invocable.setDataBinderFactory(binders);
        invocable.setParameterNameDiscoverer(new org.springframework.core.DefaultParameterNameDiscoverer());
        return invocable;
    }
}
