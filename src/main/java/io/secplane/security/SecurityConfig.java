package io.secplane.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
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

    static final RequestMatcher REFRESH = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/v1/organizations/{orgId}/apiKeys/{apiKeyId}/token");

    @Bean
    SecurityFilterChain api(HttpSecurity http, AccessTokens tokens, ErrorWriter errors) throws Exception {
        BearerTokenResolver resolver = request -> REFRESH.matches(request) || isPublic(request) ? null
                : BearerTokens.resolve(request);
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
                .headers(h -> h.cacheControl(c -> { }).xssProtection(x -> x.disable()).frameOptions(f -> f.deny()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(REFRESH).permitAll()
                        .requestMatchers(SecurityConfig::isPublic).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(resolver)
                        .jwt(j -> j.decoder(tokens).jwtAuthenticationConverter(
                                jwt -> new CallerAuthentication(AccessTokens.caller(jwt), jwt.getTokenValue())))
                        .authenticationEntryPoint((req, res, ex) -> unauthorized(errors, req, res, ex)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> unauthorized(errors, req, res, ex)));
        return http.build();
    }

    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(BearerTokens.firewall());
    }

    /** Paths anyone may read, and the hosts whose own token checks come later (XDR, Secure Endpoint). */
    static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/") || path.equals("/v1/openapi.yaml") || path.equals("/v1/docs")
                || path.startsWith("/docs") || path.startsWith("/webjars/") || path.startsWith("/.well-known/")
                || path.startsWith("/actuator/health") || path.startsWith("/iroh/") || path.startsWith("/v3/")
                || path.equals("/error") || path.equals("/favicon.ico");
    }

    private static void unauthorized(ErrorWriter errors, HttpServletRequest request, HttpServletResponse response,
            AuthenticationException ex) throws java.io.IOException {
        String header = request.getHeader("Authorization");
        boolean noToken = header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7);
        String message;
        if (noToken) {
            message = "This operation needs an access token: send the header 'Authorization: Bearer <token>'.";
            response.setHeader("WWW-Authenticate", "Bearer realm=\"secplane\"");
        } else {
            boolean malformed = ex instanceof org.springframework.security.oauth2.server.resource.InvalidBearerTokenException == false
                    && ex.getMessage() != null && ex.getMessage().contains("Bearer token is malformed");
            message = malformed ? "The bearer token is malformed." : ex.getMessage();
            response.setHeader("WWW-Authenticate", "Bearer realm=\"secplane\", error=\""
                    + (malformed ? "invalid_request" : "invalid_token") + "\", error_description=\""
                    + message.replace('"', '\'') + "\"");
        }
        errors.write(request, response, new ApiException(ErrorCode.INVALID_TOKEN, message));
    }
}
