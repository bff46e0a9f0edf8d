package io.secplane.console;

import java.io.IOException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import io.secplane.contract.ContractCatalog;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Sessions are the console's alone: Spring Session's filter (which wraps the request and the
 * answer, and looks for a session cookie) runs for the console's requests only, not for the APIs',
 * which carry their credentials in each request. Spring Session has no setting for which requests
 * its filter takes; its filter is put behind this one, which asks the route the front filter found.
 */
@Component
public class ConsoleSessions implements BeanPostProcessor {

    static final String FILTER = "springSessionRepositoryFilter";
    private final ObjectProvider<ContractCatalog> catalog;

    public ConsoleSessions(ObjectProvider<ContractCatalog> catalog) {
        this.catalog = catalog;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (!FILTER.equals(name) || !(bean instanceof Filter sessions)) {
            return bean;
        }
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                if (request instanceof HttpServletRequest http && !ConsoleSecurity.isConsole(http, catalog.getObject())) {
                    chain.doFilter(request, response);
                } else {
                    sessions.doFilter(request, response, chain);
                }
            }

            @Override
            public void destroy() {
                sessions.destroy();
            }
        };
    }
}
