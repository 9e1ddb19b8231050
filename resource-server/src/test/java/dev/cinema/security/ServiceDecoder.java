package dev.cinema.security;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Duration;

/** The decoder a service gets from {@link ResourceServerAutoConfiguration} with the default settings, for tokens of {@code https://auth.test}. */
final class ServiceDecoder {

    private ServiceDecoder() {
    }

    static ReactiveJwtDecoder against(String jwksUri) {
        JwtProperties properties = new JwtProperties(jwksUri, "https://auth.test", "cinema", 100, Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofSeconds(10));
        ResourceServerAutoConfiguration configuration = new ResourceServerAutoConfiguration();
        // No WebClient.Builder bean: the auto-configuration's own fallback.
        JwksCache jwks = configuration.jwksCache(properties, new DefaultListableBeanFactory().getBeanProvider(WebClient.Builder.class));
        return configuration.verifying(properties, jwks);
    }
}
