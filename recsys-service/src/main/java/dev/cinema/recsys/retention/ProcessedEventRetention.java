package dev.cinema.recsys.retention;

import dev.cinema.lifecycle.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

/**
 * Every {@code interval} (the first time at start), deletes the ids of events applied longer than
 * {@code processedEvent} ago (see {@link RetentionSettings} for why that is safe), {@code batch} at
 * a time until a statement finds fewer: each statement is short, so the consumer's inserts never
 * wait long behind it. Instances running it at once skip each other's rows ({@code SKIP LOCKED}).
 * {@code recsys.retention.pruned} counts the rows deleted. Off in the offline evaluation.
 */
@Component
@Profile("!eval")
@EnableConfigurationProperties(RetentionSettings.class)
class ProcessedEventRetention extends BackgroundLoop {

    static final String TABLE = "processed_event";
    private static final Logger log = LoggerFactory.getLogger(ProcessedEventRetention.class);
    /** One statement longer than this is stuck (a lock, a lost connection): the pass ends, the next one tries again. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private final DatabaseClient db;
    private final RetentionSettings settings;
    private final Counter pruned;

    ProcessedEventRetention(DatabaseClient db, RetentionSettings settings, MeterRegistry meters) {
        this.db = db;
        this.settings = settings;
        this.pruned = Counter.builder("recsys.retention.pruned").tag("table", TABLE)
                .description("rows deleted because they were older than their table's retention").register(meters);
    }

    @Override
    protected Disposable run() {
        return Flux.interval(Duration.ZERO, settings.interval())
                .onBackpressureDrop()
                .concatMap(tick -> prune().onErrorResume(failure -> {
                    log.warn("pruning {} failed (tried again in {}): {}", TABLE, settings.interval(), failure.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    /** One pass; emits how many rows it deleted. Rows that grow old during the pass wait for the next one. */
    Mono<Long> prune() {
        Instant cutoff = Instant.now().minus(settings.processedEvent());
        return deleteBatch(cutoff)
                .expand(deleted -> deleted < settings.batch() ? Mono.empty() : deleteBatch(cutoff))
                .reduce(0L, Long::sum)
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        log.info("pruned {} rows of {} applied before {}", deleted, TABLE, cutoff);
                    }
                });
    }

    private Mono<Long> deleteBatch(Instant cutoff) {
        return db.sql("""
                        DELETE FROM processed_event WHERE event_id IN (
                            SELECT event_id FROM processed_event WHERE processed_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""")
                .bind("cutoff", cutoff)
                .bind("batch", settings.batch())
                .fetch().rowsUpdated()
                .timeout(STATEMENT_TIMEOUT)
                .doOnNext(pruned::increment);
    }
}
