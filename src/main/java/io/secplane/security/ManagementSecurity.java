package io.secplane.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The management port (metrics for Prometheus), apart from the APIs: bound to loopback by default,
 * answering without a token, never keeping a session. The APIs' and the console's chains do not
 * apply there.
 */
@Configuration
public class ManagementSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain management(HttpSecurity http, jakarta.servlet.ServletContext api) throws Exception {
        http
                // the management port is a servlet context of its own (its own server): told apart by
                // that, at no cost per request, rather than by looking its port up at every request
                .securityMatcher(request -> request.getServletContext() != api)
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

}
