package dev.cinema.auth.login;

import dev.cinema.auth.AuthProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Per-login lockout with a growing delay, shared by every auth instance through PostgreSQL.
 * It counts failures for any login typed, existing or not, so a locked account and an unknown
 * one answer alike.
 */
@Component
class LoginThrottle {

    private final DatabaseClient db;
    private final AuthProperties.Lockout lockout;
    private final Clock clock;

    LoginThrottle(DatabaseClient db, AuthProperties properties, Clock clock) {
        this.db = db;
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    /** How long the login stays locked, or empty when it may try now. */
    Mono<Duration> lockedFor(String login) {
        Instant now = clock.instant();
        return db.sql("SELECT locked_until FROM login_throttle WHERE login = :login")
                .bind("login", login)
                .map(row -> Optional.ofNullable(row.get("locked_until", Instant.class)))
                .one()
                .flatMap(until -> until.filter(now::isBefore).map(t -> Mono.just(Duration.between(now, t))).orElse(Mono.empty()));
    }

    /** Counts a failure; from the {@code freeAttempts}-th on, each locks for twice as long as the last. */
    Mono<Void> recordFailure(String login) {
        Instant now = clock.instant();
        return db.sql("INSERT INTO login_throttle (login, failures, updated) VALUES (:login, 1, :now) "
                        + "ON CONFLICT (login) DO UPDATE SET failures = login_throttle.failures + 1, updated = :now "
                        + "RETURNING failures")
                .bind("login", login)
                .bind("now", now)
                .map(row -> row.get("failures", Integer.class))
                .one()
                .flatMap(failures -> {
                    if (failures < lockout.freeAttempts()) {
                        return Mono.<Void>empty();
                    }
                    return db.sql("UPDATE login_throttle SET locked_until = :until WHERE login = :login")
                            .bind("until", now.plus(delay(failures)))
                            .bind("login", login)
                            .fetch().rowsUpdated()
                            .then();
                });
    }

    Duration delay(int failures) {
        int doublings = Math.min(failures - lockout.freeAttempts(), 30);
        Duration delay = lockout.baseDelay().multipliedBy(1L << doublings);
        return delay.compareTo(lockout.maxDelay()) > 0 ? lockout.maxDelay() : delay;
    }

    Mono<Void> reset(String login) {
        return db.sql("DELETE FROM login_throttle WHERE login = :login").bind("login", login).fetch().rowsUpdated().then();
    }
}
