package io.secplane.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

import io.secplane.security.BearerTokens;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorWriter;

/**
 * The security chain of every API request (every host's, every API's): Spring Security's strict
 * firewall (for every chain, below), then exactly two filters, listed here: the security headers of
 * every answer, written when it is committed, and the one authentication step. No session, no
 * anonymous user, no request cache, no authorization rule: what a caller may do is the authorizer's
 * (in the handler's interceptor, once the operation is known). The console and the management port
 * have their own chains, before this one.
 */
@Configuration
public class ApiSecurity {

    /**
     * No observation of each security filter at every request (a timer and counters per filter, a
     * third of what a bare request cost): the request itself is timed once, per operation.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** The security headers of every API answer. */
    static final java.util.List<org.springframework.security.web.header.HeaderWriter> API_HEADERS = java.util.List.of(
            new org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter(),
            new org.springframework.security.web.header.writers.CacheControlHeadersWriter(),
            new org.springframework.security.web.header.writers.HstsHeaderWriter(),
            new org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter(
                    org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));

    @Bean
    SecurityFilterChain api(Authentication authentication) {
        return new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE,
                new HeaderWriterFilter(API_HEADERS), authentication.filter());
    }

    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(BearerTokens.FIREWALL);
    }

    /** Requests the firewall refuses (';', '/./', encoded slashes...) answer in the host's error shape. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(ErrorWriter errors) {
        return (request, response, e) -> errors.write(request, response, ApiException.badRequest(
                "The request's path or headers are not accepted here: " + e.getMessage().replace('"', '\'') + "."));
    }
}
