package dev.cinema.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param issuer              the {@code iss} of every token, and what the services check
 * @param audience            the {@code aud} of every token
 * @param keyRotationInterval how long one signing key signs before a new one takes over
 * @param admin               the first administrator, created at start when both are set
 */
@Validated
@ConfigurationProperties("auth")
public record AuthProperties(
        @NotBlank String issuer,
        @NotBlank String audience,
        @NotNull Duration accessTokenTtl,
        @NotNull Duration refreshTokenTtl,
        @NotNull Duration keyRotationInterval,
        @Valid @NotNull Admin admin,
        @Valid @NotNull Lockout lockout,
        @Valid @NotNull IpLimit ipLimit) {

    public record Admin(String login, String password) {

        public boolean isConfigured() {
            return login != null && !login.isBlank() && password != null && !password.isBlank();
        }
    }

    /** After {@code freeAttempts} failures in a row, each failure locks the login twice as long. */
    public record Lockout(@Min(1) int freeAttempts, @NotNull Duration baseDelay, @NotNull Duration maxDelay) {
    }

    public record IpLimit(@Min(1) int attemptsPerMinute) {
    }
}
