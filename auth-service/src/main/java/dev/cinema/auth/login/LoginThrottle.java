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
 * Lockout with a growing delay, shared by every auth instance through PostgreSQL, counted twice: per
 * login and client address ({@code lockout}), and per login from any address ({@code loginLockout},
 * with more free attempts). It counts any login typed, existing or not, so a locked account and an
 * unknown one answer alike.
 *
 * <p>An attempt is counted before its password is checked, in the same statement that checks the
 * lock: of fifty wrong passwords sent at once, the first {@code freeAttempts} are checked and the rest
 * find the login locked, as if they had come one after another. A correct password then clears both counts.
 */
@Component
class LoginThrottle {

    /** The per-login count's address. */
    private static final String ANY_ADDRESS = "";

    private final DatabaseClient db;
    private final AuthProperties.Lockout perAddress;
    private final AuthProperties.Lockout perLogin;
    private final Clock clock;

    LoginThrottle(DatabaseClient db, AuthProperties properties, Clock clock) {
        this.db = db;
        this.perAddress = properties.lockout();
        this.perLogin = properties.loginLockout();
        this.clock = clock;
    }

    /**
     * Counts an attempt at the login from the address; emits how long the login stays locked when it
     * is (the attempt is then not counted), or nothing when its password may be checked now.
     */
    Mono<Duration> attempt(String login, String address) {
        Instant now = clock.instant();
        // a login locked from every address is refused before its address is counted: the owner's
        // attempts while an attack locks the login do not lock the owner's own address as well
        return lockedFor(login, ANY_ADDRESS, now).filter(locked -> !locked.isZero())
                .switchIfEmpty(Mono.defer(() -> count(login, address, perAddress)))
                .switchIfEmpty(Mono.defer(() -> count(login, ANY_ADDRESS, perLogin)));
    }

    /**
     * A correct password from this address: its count and the login's start afresh; another
     * address's count stands (an attacker's address stays locked when its owner signs in).
     */
    Mono<Void> reset(String login, String address) {
        return db.sql("DELETE FROM login_throttle WHERE login = :login AND address IN (:address, :any)")
                .bind("login", login)
                .bind("address", address)
                .bind("any", ANY_ADDRESS)
                .fetch().rowsUpdated().then();
    }

    /** One atomic step: unless locked, one more attempt, locking from the {@code freeAttempts}-th on. */
    private Mono<Duration> count(String login, String address, AuthProperties.Lockout lockout) {
        Instant now = clock.instant();
        return db.sql("INSERT INTO login_throttle AS t (login, address, failures, locked_until, updated) "
                        + "VALUES (:login, :address, 1, CASE WHEN :free <= 1 THEN :now + make_interval(secs => :base) END, :now) "
                        + "ON CONFLICT (login, address) DO UPDATE SET failures = t.failures + 1, updated = :now, "
                        + "locked_until = CASE WHEN t.failures + 1 >= :free THEN :now + make_interval(secs => "
                        + "LEAST(:max, :base * power(2, LEAST(t.failures + 1 - :free, 30)))) ELSE t.locked_until END "
                        + "WHERE t.locked_until IS NULL OR t.locked_until <= :now "
                        + "RETURNING failures")
                .bind("login", login)
                .bind("address", address)
                .bind("now", now)
                .bind("free", lockout.freeAttempts())
                .bind("base", seconds(lockout.baseDelay()))
                .bind("max", seconds(lockout.maxDelay()))
                .map(row -> true)
                .one()
                .defaultIfEmpty(false)
                .flatMap(counted -> counted ? Mono.<Duration>empty()
                        : lockedFor(login, address, now).map(left -> left.isZero() ? Duration.ofSeconds(1) : left));
    }

    /** How long the row is locked for still: zero when it is not (or not any more), nothing when there is no row. */
    private Mono<Duration> lockedFor(String login, String address, Instant now) {
        return db.sql("SELECT locked_until FROM login_throttle WHERE login = :login AND address = :address")
                .bind("login", login)
                .bind("address", address)
                .map(row -> Optional.ofNullable(row.get("locked_until", Instant.class)))
                .one()
                .map(until -> until.filter(now::isBefore).map(t -> Duration.between(now, t)).orElse(Duration.ZERO));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
