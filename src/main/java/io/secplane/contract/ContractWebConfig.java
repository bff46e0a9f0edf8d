package io.secplane.contract;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** What every handled request passes before its handler runs. */
@Configuration(proxyBeanMethods = false)
public class ContractWebConfig implements WebMvcConfigurer {

    private final ContractValidator validator;
    private final io.secplane.secureendpoint.SecureEndpointGate secureEndpointGate;
    private final io.secplane.access.AccessInterceptor access;

    public ContractWebConfig(ContractValidator validator, io.secplane.secureendpoint.SecureEndpointGate secureEndpointGate,
                             io.secplane.access.AccessInterceptor access) {
        this.validator = validator;
        this.secureEndpointGate = secureEndpointGate;
        this.access = access;
    }

    /** Handlers found through the contracts' routes (see {@link ContractHandlerMapping}). */
    @org.springframework.context.annotation.Bean
    static org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations contractRouting() {
        return new org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations() {
            @Override
            public org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new ContractHandlerMapping();
            }
        };
    }

    /**
     * Who is calling is settled first (401 before 400), then whether they may (403, 404), then the
     * body is checked against the contract.
     */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(secureEndpointGate);
        registry.addInterceptor(access);
        registry.addInterceptor(validator);
    }
}
