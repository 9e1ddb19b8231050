package dev.cinema.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where the public keys are and what a token must say about its issuer and audience; the
 * defaults come from {@code cinema-jwt-defaults.properties}.
 *
 * @param jwksUri  auth-service's JWKS endpoint ({@code AUTH_JWKS_URI})
 * @param issuer   the {@code iss} every token must carry ({@code AUTH_ISSUER})
 * @param audience the value {@code aud} must contain ({@code AUTH_AUDIENCE})
 * @param cachedTokens       how many accepted tokens are remembered ({@code AUTH_CACHED_TOKENS}, 0 = none)
 * @param cachedTokenMaxAge  the longest a token is remembered, even when it expires later
 * @param jwksLifetime       how long a fetched JWKS is trusted ({@code AUTH_JWKS_LIFETIME}): a key removed from
 *                           auth-service's JWKS is refused everywhere within it, and without a successful refresh
 *                           for that long tokens cannot be checked (503); refreshed in the background ahead of it
 * @param jwksMinRefetch     tokens with a {@code kid} not in the JWKS cause at most one fetch per this interval
 *                           ({@code AUTH_JWKS_MIN_REFETCH}); also the wait before a failed refresh is tried again
 */
@ConfigurationProperties("cinema.jwt")
public record JwtProperties(String jwksUri, String issuer, String audience, long cachedTokens, Duration cachedTokenMaxAge,
                            Duration jwksLifetime, Duration jwksMinRefetch) {
}
