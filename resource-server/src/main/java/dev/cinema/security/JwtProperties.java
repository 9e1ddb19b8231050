package dev.cinema.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the public keys are and what a token must say about its issuer and audience; the
 * defaults come from {@code cinema-jwt-defaults.properties}.
 *
 * @param jwksUri  auth-service's JWKS endpoint ({@code AUTH_JWKS_URI})
 * @param issuer   the {@code iss} every token must carry ({@code AUTH_ISSUER})
 * @param audience the value {@code aud} must contain ({@code AUTH_AUDIENCE})
 */
@ConfigurationProperties("cinema.jwt")
public record JwtProperties(String jwksUri, String issuer, String audience) {
}
