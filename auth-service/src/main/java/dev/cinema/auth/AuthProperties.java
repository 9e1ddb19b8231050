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
 * @param sessionMaxAge       how long a session lasts after its sign-in at most, however often it is refreshed
 * @param admin               the first administrator, created at start when both are set
 * @param lockout             failures counted per login and client address
 * @param loginLockout        failures counted per login from any address: more free attempts, so that
 *                            one address locking a login does not lock its owner out elsewhere
 */
@Validated
@ConfigurationProperties("auth")
public record AuthProperties(
        @NotBlank String issuer,
        @NotBlank String audience,
        @NotNull Duration accessTokenTtl,
        @NotNull Duration refreshTokenTtl,
        @NotNull Duration keyRotationInterval,
        @NotNull Duration sessionMaxAge,
        @Valid @NotNull Admin admin,
        @Valid @NotNull Lockout lockout,
        @Valid @NotNull Lockout loginLockout,
        @Valid @NotNull IpLimit ipLimit) {

    public record Admin(String login, String password) {

        public boolean isConfigured() {
            return login != null && !login.isBlank() && password != null && !password.isBlank();
        }
    }

    /** From the {@code freeAttempts}-th failure in a row on, each failure locks twice as long as the last. */
    public record Lockout(@Min(1) int freeAttempts, @NotNull Duration baseDelay, @NotNull Duration maxDelay) {
    }

    public record IpLimit(@Min(1) int attemptsPerMinute) {
    }
}
