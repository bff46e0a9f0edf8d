package io.secplane.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
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
    SecurityFilterChain management(HttpSecurity http, Environment env) throws Exception {
        http
                .securityMatcher(request -> String.valueOf(request.getLocalPort())
                        .equals(env.getProperty("local.management.port")))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }
}
