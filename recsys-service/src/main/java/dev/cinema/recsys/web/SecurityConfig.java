package dev.cinema.recsys.web;

import dev.cinema.security.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** A viewer reads their own recommendations; only an administrator asks for another's refresh; metrics are open. */
@Configuration
@EnableWebFluxSecurity
class SecurityConfig {

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder) {
        return ResourceServerSecurity.bearerTokensOnly(http, jwtDecoder)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        // The service's own port only: nginx routes /api/v1/recommendations, never /actuator.
                        .pathMatchers(HttpMethod.GET, "/actuator/**").permitAll()
                        .anyExchange().authenticated())
                .build();
    }
}
