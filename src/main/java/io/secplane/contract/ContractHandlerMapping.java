package io.secplane.contract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.secplane.notbuilt.NotBuilt;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Spring's request mappings, looked up through the route the front filter already found in the
 * contracts. Spring alone tries every mapping with a path variable against every request (with a
 * CORS check and a path match for each of about 250): that was 40% of what an authenticated GET
 * cost. Here a request of a contract's operation tries only the mappings of that operation's path
 * and method; anything else (pages, preflights, error dispatches, no match) goes to Spring's own
 * lookup, which also answers 405 and 406.
 */
public class ContractHandlerMapping extends RequestMappingHandlerMapping {

    private record Candidate(RequestMappingInfo info, HandlerMethod handler) {
    }

    private volatile Map<String, List<Candidate>> index;
    private final Map<String, RequestMappingInfo> plannedInfo = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile HandlerMethod notBuilt;

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        ContractCatalog.Route route = ContractCatalog.Route.of(request);
        if (route != null && route.operation() != null && request.getDispatcherType() == DispatcherType.REQUEST
                && !CorsUtils.isPreFlightRequest(request)) {
            ContractCatalog.Operation op = route.operation();
            List<Candidate> few = index().get(op.method() + " " + op.path());
            if (few != null) {
                Comparator<RequestMappingInfo> order = getMappingComparator(request);
                RequestMappingInfo best = null;
                HandlerMethod handler = null;
                for (Candidate c : few) {
                    RequestMappingInfo match = getMatchingMapping(c.info(), request);
                    if (match != null && (best == null || order.compare(match, best) < 0)) {
                        best = match;
                        handler = c.handler();
                    }
                }
                if (best != null) {
                    request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
                    handleMatch(best, lookupPath, request);
                    return handler;
                }
            }
            if (op.planned()) {
                return planned(op, lookupPath, request);
            }
        }
        return super.lookupHandlerMethod(lookupPath, request);
    }

    /**
     * An operation its contract marks planned, with no handler of its own: the one that answers 501
     * for all of them ({@link NotBuilt#answer}), its path's variables read as for any operation.
     */
    private HandlerMethod planned(ContractCatalog.Operation op, String lookupPath, HttpServletRequest request) {
        RequestMappingInfo info = plannedInfo.computeIfAbsent(op.method() + " " + op.path(), k -> RequestMappingInfo
                .paths(op.path()).methods(RequestMethod.valueOf(op.method())).options(getBuilderConfiguration()).build());
        RequestMappingInfo match = getMatchingMapping(info, request);
        if (match == null) {
            match = info;
        }
        HandlerMethod handler = notBuilt;
        if (handler == null) {
            try {
                handler = new HandlerMethod(obtainApplicationContext().getBean(NotBuilt.class), NotBuilt.class.getMethod("answer"));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
            notBuilt = handler;
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        handleMatch(match, lookupPath, request);
        return handler;
    }

    /** The mappings by "METHOD pattern", made once the mappings are all registered (at the first request). */
    private Map<String, List<Candidate>> index() {
        Map<String, List<Candidate>> i = index;
        if (i == null) {
            i = new HashMap<>();
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : getHandlerMethods().entrySet()) {
                RequestMappingInfo info = e.getKey();
                var methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        // a mapping for every method: under each a contract's operation may have
                        for (String m : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                            i.computeIfAbsent(m + " " + pattern, k -> new ArrayList<>()).add(new Candidate(info, e.getValue()));
                        }
                    }
                    for (var m : methods) {
                        i.computeIfAbsent(m.name() + " " + pattern, k -> new ArrayList<>()).add(new Candidate(info, e.getValue()));
                    }
                }
            }
            index = i;
        }
        return i;
    }
}
