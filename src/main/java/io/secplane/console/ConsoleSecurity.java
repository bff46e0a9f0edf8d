package io.secplane.console;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.secplane.contract.ContractCatalog;
import io.secplane.hosts.Host;
import io.secplane.hosts.HostKind;
import io.secplane.web.ApiException;
import io.secplane.web.ErrorCode;
import io.secplane.web.ErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's own security chain, apart from the APIs' stateless token chain: a session kept in
 * the database (Spring Session), a CSRF token on every form, a Content-Security-Policy with no
 * inline script or style, and every page but the public ones behind a complete sign-in. Whether a
 * session still counts is checked at every request ({@link SessionCheck}); what the user may do
 * there, by the same authorizer as the APIs, after the same authentication step.
 */
@Configuration
public class ConsoleSecurity {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Whether a request is the console's: an operation of its contract, or one of its assets, on the global host. */
    public static boolean isConsole(HttpServletRequest request, ContractCatalog catalog) {
        if (Host.of(request).kind() != HostKind.SCC_GLOBAL) {
            return false;
        }
        String uri = request.getRequestURI();
        if (uri.startsWith("/assets/")) {
            return true;
        }
        ContractCatalog.Route route = ContractCatalog.Route.of(request);
        if (route != null && route.operation() != null) {
            return route.operation().api() == ContractCatalog.Api.CONSOLE;
        }
        return catalog.of(request, HostKind.SCC_GLOBAL).map(op -> op.api() == ContractCatalog.Api.CONSOLE).orElse(false);
    }

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, ContractCatalog catalog, SignInRepository accounts, ErrorWriter errors,
                             io.secplane.access.Authentication authentication)
            throws Exception {
        RequestMatcher console = request -> isConsole(request, catalog);
        RequestMatcher open = request -> request.getRequestURI().startsWith("/assets/")
                || catalog.of(request, HostKind.SCC_GLOBAL).map(ContractCatalog.Operation::isPublic).orElse(false);
        http
                .securityMatcher(console)
                .securityContext(c -> c.securityContextRepository(new HttpSessionSecurityContextRepository()))
                .csrf(c -> { })
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new SessionCheck(accounts), SecurityContextHolderFilter.class)
                // the one authentication step, as on the APIs' chain: here it names the signed-in user
                .addFilterAfter(authentication.filter(), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(open).permitAll()
                        .anyRequest().hasAuthority(ConsoleAuthentication.SIGNED_IN))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> toSignIn(res))
                        .accessDeniedHandler((req, res, ex) -> {
                            if (ex instanceof CsrfException) {
                                errors.write(req, res, new ApiException(ErrorCode.FORBIDDEN,
                                        "This form was refused: its security token (CSRF) is missing, wrong or from a session "
                                                + "that has ended. Open the page again and resubmit."));
                            } else {
                                toSignIn(res);
                            }
                        }));
        return http.build();
    }

    static void toSignIn(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", "/login");
        response.setHeader("Cache-Control", "no-store");
    }
}
