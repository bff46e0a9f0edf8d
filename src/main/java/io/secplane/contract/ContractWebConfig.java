package io.secplane.contract;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.secplane.access.AccessInterceptor;

/** What every handled request passes before its handler runs. */
@Configuration(proxyBeanMethods = false)
public class ContractWebConfig implements WebMvcConfigurer {

    private final ContractValidator validator;
    private final AccessInterceptor access;

    public ContractWebConfig(ContractValidator validator, AccessInterceptor access) {
        this.validator = validator;
        this.access = access;
    }

    /**
     * Handlers found through the contracts' routes (see {@link ContractHandlerMapping}); their ids
     * read before any resolver of Spring's (see {@link UuidPathVariables}).
     */
    @Bean
    static WebMvcRegistrations contractRouting() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new ContractHandlerMapping();
            }

            @Override
            public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
                return new RequestMappingHandlerAdapter() {
                    @Override
                    public void afterPropertiesSet() {
                        super.afterPropertiesSet();
                        List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
                        resolvers.add(new UuidPathVariables());
                        resolvers.addAll(getArgumentResolvers());
                        setArgumentResolvers(resolvers);
                    }
                };
            }
        };
    }

    /**
     * Who is calling is settled first (401 before 400), then whether they may (403, 404), then the
     * body is checked against the contract.
     */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // not on the error dispatch: it reports a failure of a request these may never have seen (the front
        // filter refused it, or the container could not read it), and it needs none of them
        registry.addInterceptor(access).excludePathPatterns("/error");
        registry.addInterceptor(validator).excludePathPatterns("/error");
    }
}
