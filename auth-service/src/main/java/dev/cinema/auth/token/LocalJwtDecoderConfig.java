package dev.cinema.auth.token;

import dev.cinema.auth.AuthProperties;
import dev.cinema.security.JwtSupport;
import dev.cinema.security.revocation.RevocationChecking;
import dev.cinema.security.revocation.RevocationList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * auth-service checks tokens against its own keys, with no HTTP round trip to itself, and its
 * revocations from its own database ({@code Revocations} is the revocation feed's source here).
 */
@Configuration
class LocalJwtDecoderConfig {

    @Bean
    ReactiveJwtDecoder jwtDecoder(SigningKeys keys, AuthProperties properties, RevocationList revocations) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(jwt -> keys.verificationKeys())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtSupport.validator(properties.issuer(), properties.audience()));
        return new RevocationChecking(decoder, revocations);
    }
}
