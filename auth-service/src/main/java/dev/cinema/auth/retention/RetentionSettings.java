package dev.cinema.auth.retention;

import dev.cinema.auth.AuthProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long auth-service keeps the rows that would otherwise grow forever, and how they are pruned.
 * <p>
 * The rules, checked at start against {@link AuthProperties} ({@link #requireSafeWith}):
 * <ul>
 * <li>{@code refreshToken} is at least {@code auth.refresh-token-ttl}. A token is deleted only this
 * long after it expired, so a live session's token is never deleted; and a spent token, spent before
 * it expired, outlives by at least a token's whole life the token it was exchanged for: someone
 * presenting it again while that session may still be signed in is caught as reuse (the family
 * revoked), not answered as an unknown token.</li>
 * <li>{@code loginThrottle} is at least {@code auth.lockout.max-delay}: a login's failures are
 * forgotten only after it has been quiet (no failure, no lock) this long, so waiting out one lock
 * never starts the doubling over.</li>
 * </ul>
 *
 * @param refreshToken  a refresh token is deleted this long after it expired, spent, revoked or
 *                      not ({@code AUTH_REFRESH_TOKEN_RETENTION}, by default {@code auth.refresh-token-ttl}, 30 days)
 * @param loginEvent    a sign-in attempt stays in the login history this long ({@code AUTH_LOGIN_EVENT_RETENTION}, 90 days)
 * @param loginThrottle a login's failure count is forgotten after this long without a failure or a lock
 *                      ({@code AUTH_LOGIN_THROTTLE_RETENTION}, 1 day)
 * @param interval      how often the old rows are pruned ({@code AUTH_RETENTION_INTERVAL}, 1 h)
 * @param batch         rows deleted per statement, so that a large backlog is deleted in many short
 *                      statements rather than one long lock ({@code AUTH_RETENTION_BATCH}, 1,000)
 */
@Validated
@ConfigurationProperties("auth.retention")
record RetentionSettings(
        @NotNull Duration refreshToken,
        @NotNull @DurationMin(days = 1) Duration loginEvent,
        @NotNull Duration loginThrottle,
        @NotNull @DurationMin(millis = 100) @DurationMax(days = 1) Duration interval,
        @Min(1) @Max(10_000) int batch) {

    /** Fails, naming every rule broken and the variable to change, when pruning would break the tokens or the lockout. */
    void requireSafeWith(AuthProperties auth) {
        List<String> broken = new ArrayList<>();
        if (refreshToken.compareTo(auth.refreshTokenTtl()) < 0) {
            broken.add(("auth.retention.refresh-token (AUTH_REFRESH_TOKEN_RETENTION, %s) is shorter than auth.refresh-token-ttl "
                    + "(AUTH_REFRESH_TOKEN_TTL, %s): a spent refresh token would be deleted while the session it was exchanged for "
                    + "may still be signed in, and its reuse would no longer be detected").formatted(refreshToken, auth.refreshTokenTtl()));
        }
        if (loginThrottle.compareTo(auth.lockout().maxDelay()) < 0) {
            broken.add(("auth.retention.login-throttle (AUTH_LOGIN_THROTTLE_RETENTION, %s) is shorter than auth.lockout.max-delay "
                    + "(AUTH_LOCKOUT_MAX_DELAY, %s): a login's failures would be forgotten soon after a lock ends, and the lockout "
                    + "would start its doubling over").formatted(loginThrottle, auth.lockout().maxDelay()));
        }
        if (loginThrottle.compareTo(auth.loginLockout().maxDelay()) < 0) {
            broken.add(("auth.retention.login-throttle (AUTH_LOGIN_THROTTLE_RETENTION, %s) is shorter than auth.login-lockout.max-delay "
                    + "(AUTH_LOGIN_LOCKOUT_MAX_DELAY, %s): a login's failures would be forgotten soon after a lock ends, and the lockout "
                    + "would start its doubling over").formatted(loginThrottle, auth.loginLockout().maxDelay()));
        }
        if (!broken.isEmpty()) {
            throw new IllegalStateException("The retention would delete rows still needed: " + String.join("; ", broken));
        }
    }
}
