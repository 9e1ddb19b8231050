package dev.cinema.asyncapi.web;

import dev.cinema.security.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** Everything is public to read; a valid token makes the feed personal, an invalid one is a 401. */
@Configuration
@EnableWebFluxSecurity
class SecurityConfig {

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder) {
        return ResourceServerSecurity.bearerTokensOnly(http, jwtDecoder)
                .authorizeExchange(exchange -> exchange
                        // Only GETs are mapped: anything else is answered 405 by the router.
                        .pathMatchers("/api/v1/**").permitAll()
                        .anyExchange().denyAll())
                .build();
    }
}
