package dev.cinema.recsys.refresh;

import dev.cinema.recsys.Events;
import dev.cinema.recsys.RecsysIntegrationTest;
import dev.cinema.recsys.RecsysSettings;
import dev.cinema.recsys.TestCatalog;
import dev.cinema.recsys.llm.LlmRecommender;
import dev.cinema.recsys.llm.LlmRefresh;
import dev.cinema.recsys.profile.Profile;
import dev.cinema.recsys.profile.Profiles;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One round of the refresh, with several viewers claimed and stored together, run by the test with
 * a recommender that misbehaves for one of them. (The context's own rounds are stopped, so that
 * the test's round claims the viewers; closed after the class.)
 */
@RecsysIntegrationTest
@DirtiesContext
class RefreshRoundIT {

    @Autowired
    DatabaseClient db;

    @Autowired
    DueViewers due;

    @Autowired
    Profiles profiles;

    @Autowired
    StoredRecommendations stored;

    @Autowired
    BuiltInRecommender builtIn;

    @Autowired
    LlmRecommender llm;

    @Autowired
    LlmRefresh llmRefresh;

    @Autowired
    RecsysSettings settings;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void stopTheContextsRounds(@Autowired RefreshScheduler scheduler) {
        scheduler.stop();
    }

    @Test
    void aViewerWhoseRefreshFailsKeepsTheOldListAndIsDueSoonWhileTheOthersOfItsGroupAreStored() {
        UUID zodiac = TestCatalog.film("Zodiac", 7.7, 210, 211, 0.0);
        UUID seven = TestCatalog.film("Se7en", 8.6, 210, 211, 0.1);
        List<UUID> viewers = dueViewersWhoLiked(zodiac, 3);
        UUID failing = viewers.get(1);
        // what a refresh before left it
        stored.replace(Map.of(failing, List.of(new Recommendation(zodiac, "popular", "an earlier list")))).block();

        round(profile -> profile.userId().equals(failing) ? Mono.error(new IllegalStateException("this viewer's refresh fails")) : null);

        for (UUID viewer : List.of(viewers.get(0), viewers.get(2))) {
            assertThat(films(viewer)).as("refreshed").contains(seven);
            assertThat(secondsUntilDue(viewer)).as("due again after the refresh interval").isGreaterThan(3_000);
        }
        assertThat(films(failing)).as("the old list stays").containsExactly(zodiac);
        assertThat(secondsUntilDue(failing)).as("due again after %s, not after the lease", RefreshScheduler.RETRY_AFTER_FAILURE)
                .isBetween(1.0, (double) RefreshScheduler.RETRY_AFTER_FAILURE.toSeconds());
        assertThat(claimed(failing)).as("given back").isFalse();
    }

    @Test
    void aViewerWhoReactsDuringARefreshOfSeveralIsDueAgainAtOnceAndTheOthersAreNot() {
        UUID manhunter = TestCatalog.film("Manhunter", 8.3, 220, 221, 0.0);
        UUID toLiveAndDie = TestCatalog.film("To Live and Die in L.A.", 7.3, 220, 221, 0.1);
        UUID pierrot = TestCatalog.film("Pierrot le Fou", 7.5, 230, 231, 0.0);
        UUID bandeAPart = TestCatalog.film("Bande à part", 7.7, 230, 231, 0.1);
        List<UUID> viewers = dueViewersWhoLiked(manhunter, 3);
        UUID reacting = viewers.get(1);

        // the viewer likes another film while the round computes their list, before it is stored
        round(profile -> !profile.userId().equals(reacting) ? null : Mono.fromRunnable(() -> {
            try (Events events = new Events()) {
                events.send(reacting, pierrot, "LIKED");
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> secondsUntilDue(reacting) < 60);
        }).subscribeOn(Schedulers.boundedElastic()).then(Mono.empty()));

        assertThat(secondsUntilDue(reacting)).as("due again at once").isLessThan(1);
        assertThat(claimed(reacting)).isFalse();
        for (UUID viewer : List.of(viewers.get(0), viewers.get(2))) {
            assertThat(secondsUntilDue(viewer)).as("due again after the refresh interval").isGreaterThan(3_000);
        }
        // and the next round refreshes it with the like it made meanwhile
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> secondsUntilDue(reacting) <= 0);
        round(profile -> null);
        assertThat(films(reacting)).contains(toLiveAndDie, bandeAPart);
        assertThat(secondsUntilDue(reacting)).isGreaterThan(3_000);
    }

    /**
     * One round with a recommender that asks {@code misbehaviour} first for each viewer: its answer
     * when not null (after which the real recommender answers, if the answer was empty).
     */
    private void round(Function<Profile, Mono<List<Recommendation>>> misbehaviour) {
        ViewerRecommender recommender = new ViewerRecommender(builtIn, llm, llmRefresh, meters) {
            @Override
            public Mono<Refresh> refresh(Profile profile, UUID seed, int limit) {
                Mono<List<Recommendation>> first = misbehaviour.apply(profile);
                return first == null ? super.refresh(profile, seed, limit)
                        : first.map(list -> new Refresh(list, null)).switchIfEmpty(Mono.defer(() -> super.refresh(profile, seed, limit)));
            }
        };
        new RefreshScheduler(due, profiles, recommender, stored, settings, meters).round().block(Duration.ofMinutes(1));
    }

    /** New viewers who liked the film, their likes applied and each due now. */
    private List<UUID> dueViewersWhoLiked(UUID film, int count) {
        List<UUID> viewers = IntStream.range(0, count).mapToObj(i -> Events.newViewerWhoLiked(film)).toList();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> viewers.stream().allMatch(viewer -> secondsUntilDue(viewer) <= 0));
        return viewers;
    }

    private List<UUID> films(UUID viewer) {
        return stored.of(viewer, 100).block().stream().map(Recommendation::filmId).toList();
    }

    /** Seconds from now until the viewer is due (negative: due already); infinity without a row. */
    private double secondsUntilDue(UUID viewer) {
        return db.sql("SELECT EXTRACT(EPOCH FROM due_at - now())::float8 AS s FROM user_refresh WHERE user_id = :viewer").bind("viewer", viewer)
                .map(row -> row.get("s", Double.class)).one().blockOptional().orElse(Double.POSITIVE_INFINITY);
    }

    private boolean claimed(UUID viewer) {
        return db.sql("SELECT claimed_by IS NOT NULL AS claimed FROM user_refresh WHERE user_id = :viewer").bind("viewer", viewer)
                .map(row -> row.get("claimed", Boolean.class)).one().block();
    }
}
