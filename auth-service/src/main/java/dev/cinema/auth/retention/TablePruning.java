package dev.cinema.auth.retention;

import dev.cinema.auth.AuthProperties;
import dev.cinema.auth.revocation.Revocations;
import dev.cinema.lifecycle.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every {@code interval} (the first time at start), deletes the refresh tokens, sign-in attempts,
 * login throttles and revocations older than their retention ({@link RetentionSettings}), {@code batch} rows
 * per statement until a statement finds fewer: each statement is short, so sign-ins never wait
 * long behind it. Instances running it at once skip each other's rows ({@code SKIP LOCKED}).
 * {@code auth.retention.pruned} counts the rows deleted, per table.
 */
@Component
class TablePruning extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(TablePruning.class);
    /** One statement longer than this is stuck (a lock, a lost connection): the table waits for the next pass. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    /** One table's rows to delete: those matching {@code old}, which compares with {@code :cutoff}, found by {@code key}. */
    private record Table(String name, String key, String old, Duration retention, Counter pruned) {

        String deleteBatch() {
            return "DELETE FROM %1$s WHERE (%2$s) IN (SELECT %2$s FROM %1$s WHERE %3$s LIMIT :batch FOR UPDATE SKIP LOCKED)"
                    .formatted(name, key, old);
        }
    }

    private final DatabaseClient db;
    private final RetentionSettings settings;
    private final Clock clock;
    private final List<Table> tables;

    TablePruning(DatabaseClient db, RetentionSettings settings, AuthProperties auth, Clock clock, MeterRegistry meters) {
        settings.requireSafeWith(auth);
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.tables = List.of(
                // spent, revoked or not: reuse of a spent one is detected until it goes (see RetentionSettings)
                new Table("refresh_token", "token_hash", "expires_at < :cutoff", settings.refreshToken(), counter(meters, "refresh_token")),
                new Table("login_event", "id", "at < :cutoff", settings.loginEvent(), counter(meters, "login_event")),
                // quiet since the cutoff: no failure, and no lock running then (a lock ends at most max-delay after its failure)
                new Table("login_throttle", "login, address", "updated < :cutoff AND (locked_until IS NULL OR locked_until < :cutoff)",
                        settings.loginThrottle(), counter(meters, "login_throttle")),
                // once every token it refuses has expired
                new Table("revocation", "id", "at < :cutoff", Revocations.keepFor(auth), counter(meters, "revocation")));
    }

    private static Counter counter(MeterRegistry meters, String table) {
        return Counter.builder("auth.retention.pruned").tag("table", table)
                .description("rows deleted because they were older than their table's retention").register(meters);
    }

    @Override
    protected Disposable run() {
        return Flux.interval(Duration.ZERO, settings.interval())
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(tables).concatMap(this::prune), 1)
                .subscribe();
    }

    /** One table's pass; emits how many rows it deleted. Rows that grow old during the pass wait for the next one. */
    private Mono<Long> prune(Table table) {
        Instant cutoff = clock.instant().minus(table.retention());
        return deleteBatch(table, cutoff)
                .expand(deleted -> deleted < settings.batch() ? Mono.empty() : deleteBatch(table, cutoff))
                .reduce(0L, Long::sum)
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        log.info("pruned {} rows of {} older than {}", deleted, table.name(), cutoff);
                    }
                })
                .onErrorResume(failure -> {
                    log.warn("pruning {} failed (tried again in {}): {}", table.name(), settings.interval(), failure.toString());
                    return Mono.empty();
                });
    }

    private Mono<Long> deleteBatch(Table table, Instant cutoff) {
        return db.sql(table.deleteBatch())
                .bind("cutoff", cutoff)
                .bind("batch", settings.batch())
                .fetch().rowsUpdated()
                .timeout(STATEMENT_TIMEOUT)
                .doOnNext(table.pruned()::increment);
    }
}
