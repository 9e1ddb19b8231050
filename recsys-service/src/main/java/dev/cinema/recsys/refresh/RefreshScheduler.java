package dev.cinema.recsys.refresh;

import dev.cinema.lifecycle.BackgroundLoop;
import dev.cinema.recsys.RecsysSettings;
import dev.cinema.recsys.profile.Profiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.UUID;

/**
 * Every {@code refreshPoll}, claims the viewers due (see {@link DueViewers}) and computes their
 * recommendations again, {@code refreshConcurrency} at a time; a round that found a full batch is
 * followed at once by the next. A viewer whose refresh fails keeps the old recommendations and is
 * tried again when the lease runs out. Beside the rounds, the instance beats every sixth of
 * {@code refreshSilence} (see {@link DueViewers#beat()}); stopping, it gives its claimed viewers
 * back. Off in the offline evaluation (profile {@code eval}).
 */
@Component
@Profile("!eval")
public class RefreshScheduler extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);

    /** A failed refresh is tried again after this: soon, but not in a loop while a server is down. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    private final DueViewers due;
    private final Profiles profiles;
    private final ViewerRecommender recommender;
    private final StoredRecommendations stored;
    private final RecsysSettings settings;
    private final Counter refreshed;
    private final Counter failed;

    RefreshScheduler(DueViewers due, Profiles profiles, ViewerRecommender recommender, StoredRecommendations stored,
                     RecsysSettings settings, MeterRegistry meters) {
        this.due = due;
        this.profiles = profiles;
        this.recommender = recommender;
        this.stored = stored;
        this.settings = settings;
        this.refreshed = meters.counter("recsys.refresh", "result", "done");
        this.failed = meters.counter("recsys.refresh", "result", "failed");
    }

    @Override
    protected Disposable run() {
        Disposable heartbeat = Flux.interval(Duration.ZERO, settings.refreshSilence().dividedBy(6))
                .onBackpressureDrop()
                .concatMap(tick -> due.beat().onErrorResume(failure -> {
                    log.warn("refresh heartbeat failed: {}", failure.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
        // (repeatWhen counts the values of the last round: 1 when it was full, 0 when filtered out.)
        Disposable claiming = Mono.defer(this::round)
                .filter(claimed -> claimed >= settings.refreshBatch())
                .repeatWhen(rounds -> rounds.concatMap(full -> Mono.delay(full > 0 ? Duration.ZERO : settings.refreshPoll())))
                .subscribe();
        return Disposables.composite(heartbeat, claiming);
    }

    /** One round; emits how many viewers it claimed. */
    Mono<Integer> round() {
        return due.claim(settings.refreshBatch())
                .flatMap(claim -> refresh(claim.userId(), claim.seedFilmId())
                        .then(due.done(claim))
                        .doOnSuccess(done -> refreshed.increment())
                        .onErrorResume(failure -> {
                            failed.increment();
                            log.warn("refresh of {} failed: {}; due again in {}", claim.userId(), failure.toString(), RETRY_AFTER_FAILURE);
                            return due.failed(claim, RETRY_AFTER_FAILURE).onErrorResume(unreleased -> Mono.empty());
                        })
                        .thenReturn(1), settings.refreshConcurrency())
                .count()
                .map(Long::intValue)
                // a round that hangs must not stop the loop; its viewers are due again when their lease runs out
                .timeout(DueViewers.LEASE)
                .onErrorResume(failure -> {
                    log.warn("refresh round failed: {}", failure.toString());
                    return Mono.just(0);
                });
    }

    Mono<Void> refresh(UUID user, UUID seed) {
        return profiles.profile(user)
                .flatMap(profile -> recommender.recommend(profile, seed, settings.recommendations()))
                .flatMap(recommendations -> stored.replace(user, recommendations));
    }

    @Override
    public void stop() {
        super.stop();
        try {
            due.leave().block(Duration.ofSeconds(5));
        } catch (RuntimeException failure) {
            log.warn("could not give the claimed viewers back (they are due again once this instance is silent for {}): {}",
                    settings.refreshSilence(), failure.toString());
        }
    }
}
