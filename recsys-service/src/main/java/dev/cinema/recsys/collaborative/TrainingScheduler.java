package dev.cinema.recsys.collaborative;

import dev.cinema.lifecycle.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Starts a training run when the serving model is {@code trainInterval} old, or {@code trainAfter}
 * likes arrived since it was trained (or since the start, when there is none yet: until then the
 * recommender uses co-likes and content). Checked every minute, and never sooner than
 * {@code RETRY_AFTER} after the last run began, so that a run that fails is not started again and
 * again; one run at a time in this instance, and across instances the job's own
 * lock lets only one through (the others end at once with "busy"). Off when {@code trainInterval}
 * is 0 or no jar is configured ({@link TrainingRun} counts the runs by outcome).
 */
@Component
@Profile("!eval")
class TrainingScheduler extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(TrainingScheduler.class);
    private static final Duration CHECK = Duration.ofMinutes(1);
    private static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    private final DatabaseClient db;
    private final TrainingRun training;
    private final ModelSettings settings;
    private volatile Instant lastStart = Instant.EPOCH;

    TrainingScheduler(DatabaseClient db, TrainingRun training, ModelSettings settings) {
        this.db = db;
        this.training = training;
        this.settings = settings;
    }

    @Override
    protected Disposable run() {
        if (!settings.trainsAutomatically()) {
            log.info("automatic training is off (RECSYS_TRAIN_INTERVAL {}, RECSYS_TRAINING_JAR '{}')", settings.trainInterval(),
                    settings.trainingJar());
            return Flux.never().subscribe();
        }
        return Flux.interval(CHECK, CHECK)
                .onBackpressureDrop()
                .concatMap(tick -> due().filter(Boolean::booleanValue)
                        .flatMap(due -> {
                            lastStart = Instant.now();
                            return training.start(List.of());
                        })
                        .onErrorResume(failure -> {
                            log.warn("the training run could not be started: {}", failure.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    /** Whether a run is due now. */
    Mono<Boolean> due() {
        if (Duration.between(lastStart, Instant.now()).compareTo(RETRY_AFTER) < 0) {
            return Mono.just(false);
        }
        return db.sql("""
                        SELECT (SELECT max(trained_at) FROM model WHERE state IN ('serving', 'rejected')) AS trained_at,
                               (SELECT count(*) FROM user_film WHERE reaction = 1 AND changed_at >
                                   coalesce((SELECT max(trained_at) FROM model WHERE state IN ('serving', 'rejected')), '-infinity')) AS likes""")
                .map(row -> {
                    OffsetDateTime trainedAt = row.get("trained_at", OffsetDateTime.class);
                    long likes = row.get("likes", Long.class);
                    return likes >= Math.max(1, settings.trainAfter())
                            || trainedAt != null && Duration.between(trainedAt.toInstant(), Instant.now()).compareTo(settings.trainInterval()) >= 0;
                })
                .one();
    }
}
