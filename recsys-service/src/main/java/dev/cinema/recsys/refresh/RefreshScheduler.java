package dev.cinema.recsys.refresh;

import dev.cinema.lifecycle.BackgroundLoop;
import dev.cinema.recsys.RecsysSettings;
import dev.cinema.recsys.profile.Profiles;
import dev.cinema.recsys.refresh.DueViewers.Claim;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every {@code refreshPoll}, claims the viewers due (see {@link DueViewers}) and computes their
 * recommendations again, {@code refreshConcurrency} at a time, reading and writing the database for
 * many viewers at once; a round that found a full batch is followed at once by the next. A viewer
 * whose refresh fails keeps the old recommendations and is due again after
 * {@link #RETRY_AFTER_FAILURE} (or when the lease runs out, if even that could not be written).
 * Beside the rounds, the instance beats every sixth of {@code refreshSilence} (see
 * {@link DueViewers#beat()}); stopping, it gives its claimed viewers
 * back. Off in the offline evaluation (profile {@code eval}).
 */
@Component
@Profile("!eval")
public class RefreshScheduler extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);

    /** A failed refresh is tried again after this: soon, but not in a loop while a server is down. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    /** A group of finished refreshes is stored at most this long after its first finished. */
    static final Duration STORE_WITHIN = Duration.ofMillis(50);

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
        return due.claim(settings.refreshBatch()).collectList()
                .flatMap(claims -> claims.isEmpty() ? Mono.just(0) : refresh(claims).thenReturn(claims.size()))
                // a round that hangs must not stop the loop; its viewers are due again when their lease runs out
                .timeout(DueViewers.LEASE)
                .onErrorResume(failure -> {
                    log.warn("refresh round failed: {}", failure.toString());
                    return Mono.just(0);
                });
    }

    /**
     * A viewer's new recommendations, not stored yet; none computed (an empty answer): the stored ones stay.
     *
     * @param dueBy when the viewer is due again at the latest (null: after {@code refreshInterval})
     */
    private record Refreshed(Claim claim, Optional<List<Recommendation>> recommendations, Instant dueBy) {
    }

    /**
     * The claimed viewers' profiles read at once, their recommendations computed
     * {@code refreshConcurrency} at a time, and stored as they come in groups (those that finished
     * within {@link #STORE_WITHIN} of the group's first, up to a batch): the database is written once
     * per group, not once per viewer, and a quick viewer does not wait on a slow one's LLM.
     */
    private Mono<Void> refresh(List<Claim> claims) {
        return profiles.profiles(claims.stream().map(Claim::userId).toList())
                .onErrorResume(failure -> giveBack(claims, failure).then(Mono.empty()))
                .flatMapMany(profiles -> Flux.fromIterable(claims).flatMap(claim -> Mono
                        // (deferred: a recommender that throws fails its viewer only, not the round)
                        .defer(() -> recommender.refresh(profiles.get(claim.userId()), claim.seedFilmId(), settings.recommendations()))
                        .map(refresh -> new Refreshed(claim, Optional.of(refresh.recommendations()), refresh.dueBy()))
                        .defaultIfEmpty(new Refreshed(claim, Optional.empty(), null))
                        .onErrorResume(failure -> giveBack(List.of(claim), failure).then(Mono.empty())), settings.refreshConcurrency()))
                // (fair: a buffer waits for the store before it to finish instead of overflowing it)
                .bufferTimeout(settings.refreshBatch(), STORE_WITHIN, true)
                .concatMap(this::store)
                .then();
    }

    private Mono<Void> store(List<Refreshed> refreshed) {
        Map<UUID, List<Recommendation>> lists = new LinkedHashMap<>();
        refreshed.forEach(viewer -> viewer.recommendations().ifPresent(list -> lists.put(viewer.claim().userId(), list)));
        List<Claim> claims = refreshed.stream().map(Refreshed::claim).toList();
        Map<UUID, Instant> dueBy = new HashMap<>();
        refreshed.stream().filter(viewer -> viewer.dueBy() != null).forEach(viewer -> dueBy.put(viewer.claim().userId(), viewer.dueBy()));
        return stored.replace(lists)
                .then(due.done(claims, dueBy))
                .doOnSuccess(done -> this.refreshed.increment(claims.size()))
                .onErrorResume(failure -> giveBack(claims, failure));
    }

    /** Refreshes that failed: the viewers keep their old recommendations and are due again soon. */
    private Mono<Void> giveBack(List<Claim> claims, Throwable failure) {
        failed.increment(claims.size());
        log.warn("refresh of {} failed: {}; due again in {}", claims.size() == 1 ? claims.getFirst().userId() : claims.size() + " viewers",
                failure.toString(), RETRY_AFTER_FAILURE);
        return due.failed(claims, RETRY_AFTER_FAILURE).onErrorResume(unreleased -> Mono.empty());
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
