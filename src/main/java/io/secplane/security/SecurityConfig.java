package io.secplane.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import io.secplane.hosts.HostKind;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Stateless bearer-token security for the SCC API. The refresh endpoint carries a refresh token,
 * not an access token, in its Authorization header, so the bearer filter leaves it alone and the
 * endpoint checks the token itself.
 */
@Configuration
public class SecurityConfig {

    /**
     * No observation of each security filter at every request (a timer and counters per filter, a
     * third of what a bare request cost): the request itself is timed once, per operation.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** The security headers of every API answer, by this chain and by {@link LeanApiChain} alike. */
    static final java.util.List<org.springframework.security.web.header.HeaderWriter> API_HEADERS = java.util.List.of(
            new org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter(),
            new org.springframework.security.web.header.writers.CacheControlHeadersWriter(),
            new org.springframework.security.web.header.writers.HstsHeaderWriter(),
            new org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter(
                    org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));

    @Bean
    SecurityFilterChain api(HttpSecurity http, AccessTokens tokens, ErrorWriter errors, ContractCatalog catalog)
            throws Exception {
        RequestMatcher open = request -> !needsAccessToken(catalog, request);
        BearerTokenResolver resolver = request -> open.matches(request) ? null : BearerTokens.resolve(request);
        http
                .csrf(c -> c.disable())
                .cors(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                // a lean chain: no sessions, no anonymous user, no servlet-API wrapping, no request cache
                .anonymous(a -> a.disable())
                .servletApi(a -> a.disable())
                .sessionManagement(s -> s.disable())
                .securityContext(c -> c.securityContextRepository(
                        new org.springframework.security.web.context.RequestAttributeSecurityContextRepository()))
                .headers(h -> {
                    h.defaultsDisabled();
                    API_HEADERS.forEach(h::addHeaderWriter);
                })
                .authorizeHttpRequests(a -> a
                        .requestMatchers(open).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(resolver)
                        .authenticationManagerResolver(request -> authentication -> {
                            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
                            return new CallerAuthentication(tokens.principal(token), token);
                        })
                        .authenticationEntryPoint((req, res, ex) -> unauthorized(errors, req, res, ex)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> unauthorized(errors, req, res, ex)));
        return http.build();
    }

    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(BearerTokens.FIREWALL);
    }

    /**
     * Whether the SCC access-token check applies, by the contract: an operation of an SCC host whose
     * security names the {@code bearer} scheme. Public operations, the refresh call (its own scheme,
     * checked by its service) and the XDR and Secure Endpoint hosts (their tokens are checked by
     * their own services) pass this filter; the error dispatch is answered by the error controller.
     */
    static boolean needsAccessToken(ContractCatalog catalog, HttpServletRequest request) {
        HostKind kind = Host.of(request).kind();
        if (kind != HostKind.SCC_GLOBAL && kind != HostKind.SCC_REGIONAL
                || request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR) {
            return false;
        }
        return catalog.of(request, kind).map(ContractCatalog.Operation::needsAccessToken)
                .orElseGet(() -> !catalog.isPublic(kind, request.getMethod(), request.getRequestURI()));
    }

    /** Requests the firewall refuses (';', '/./', encoded slashes...) answer in the host's error shape. */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(ErrorWriter errors) {
        return (request, response, e) -> errors.write(request, response, ApiException.badRequest(
                "The request's path or headers are not accepted here: " + e.getMessage().replace('"', '\'') + "."));
    }

    private static void unauthorized(ErrorWriter errors, HttpServletRequest request, HttpServletResponse response,
            AuthenticationException ex) throws java.io.IOException {
        boolean malformed = !(ex instanceof org.springframework.security.oauth2.server.resource.InvalidBearerTokenException)
                && ex.getMessage() != null && ex.getMessage().contains("Bearer token is malformed");
        errors.write(request, response, io.secplane.access.Authentication.accessTokenRefused(
                BearerTokens.namesBearer(request), malformed, ex.getMessage()));
    }
}
