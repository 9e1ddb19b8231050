package dev.cinema.security.revocation;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Where the revocation feed is and how often it is read; defaults in {@code cinema-jwt-defaults.properties}.
 *
 * @param uri      auth-service's feed ({@code AUTH_REVOCATIONS_URI})
 * @param interval between two reads ({@code AUTH_REVOCATIONS_INTERVAL}): a revoked token is refused
 *                 within about this long (plus one read's time) while the feed answers
 */
@Validated
@ConfigurationProperties("cinema.revocations")
public record RevocationProperties(String uri, @NotNull Duration interval) {
}
