package dev.cinema.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * recsys-service killed (SIGKILL) while it is refreshing viewers, likes arriving while it is down,
 * then started again: every viewer is refreshed (also those the killed instance had claimed and
 * that nothing makes due again), every like is applied, and no viewer is ever refreshed twice at
 * once (seen from the LLM's side: no two calls for one viewer overlap).
 */
@Tag("long") // in ./mvnw verify -Plong (CI runs it): one of the slowest cases
@ExtendWith(Platform.class)
class RecsysKilledIT {

    private static final int VIEWERS = 24;
    private static final int LLM_ANSWERS_IN_MILLIS = 1_000;

    @Test
    void killedMidRefreshNoViewerIsLostOrRefreshedTwiceAtOnceAndEventsSentMeanwhileAreApplied() {
        List<String> films = Catalog.films(4 * VIEWERS + 10);
        List<String> titles = Catalog.titles(films);
        // an LLM that takes its time, two calls at once: refreshes are in flight, and queue, when the kill comes;
        // the killed instance's viewers are taken over once it is silent for 10 s (30 s by default)
        // every change asks the LLM again (its cadence would keep the first answer for an hour)
        Map<String, String> settings = Map.of("RECSYS_LLM_CONCURRENCY", "2", "RECSYS_LLM_REQUESTS_PER_MINUTE", "1000",
                "RECSYS_REFRESH_SILENCE", "10s", "RECSYS_LLM_MIN_INTERVAL", "0s");
        try (GigaChatEmulator gigachat = new GigaChatEmulator(settings)) {
            gigachat.answers(GigaChatEmulator.suggesting(titles.subList(4 * VIEWERS, 4 * VIEWERS + 10), LLM_ANSWERS_IN_MILLIS));
            List<String> viewers = IntStream.range(0, VIEWERS).mapToObj(viewer -> Http.newViewer()).toList();
            for (int viewer = 0; viewer < VIEWERS; viewer++) {
                for (int film = 3 * viewer; film < 3 * viewer + 3; film++) {
                    assertThat(Http.like(films.get(film), viewers.get(viewer)).status()).isEqualTo(200);
                }
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> gigachat.chats().size() >= 3);

            List<Integer> pending = IntStream.range(0, VIEWERS).filter(viewer -> Catalog.recommendations(viewers.get(viewer)).isEmpty())
                    .boxed().toList();
            List<Integer> waiting = pending.stream().filter(viewer -> viewer % 2 == 0).toList();
            LocalRun.kill("recsys-service");
            Instant killedAt = Instant.now();
            assertThat(waiting).as("viewers without a new like, not refreshed yet when recsys-service was killed").isNotEmpty();
            // a fourth like for every other viewer while recsys-service is down: in Kafka, for it to consume when back
            for (int viewer = 1; viewer < VIEWERS; viewer += 2) {
                assertThat(Http.like(films.get(3 * VIEWERS + viewer), viewers.get(viewer)).status()).isEqualTo(200);
            }
            LocalRun.start("recsys-service", gigachat.environment());
            Instant restartedAt = Instant.now();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                List<GigaChatEmulator.Chat> sinceTheKill = gigachat.chats().stream().filter(chat -> chat.received().isAfter(killedAt)).toList();
                for (int viewer = 0; viewer < VIEWERS; viewer++) {
                    Set<String> liked = new HashSet<>(films.subList(3 * viewer, 3 * viewer + 3));
                    if (viewer % 2 == 1) {
                        liked.add(films.get(3 * VIEWERS + viewer));
                        // refreshed from a profile holding the like sent while recsys-service was down
                        List<String> allFour = List.of(titles.get(3 * viewer), titles.get(3 * viewer + 1), titles.get(3 * viewer + 2),
                                titles.get(3 * VIEWERS + viewer));
                        assertThat(sinceTheKill).as("viewer %d refreshed with the like sent while recsys-service was down", viewer)
                                .anyMatch(chat -> chat.likes(allFour));
                    }
                    String token = viewers.get(viewer);
                    assertThat(Catalog.knownToRecsys(token)).as("viewer %d's likes in recsys", viewer).isEqualTo(liked);
                    assertThat(Catalog.recommendations(token)).as("viewer %d refreshed", viewer).isNotEmpty();
                }
            });

            Report.line("recsys-service killed (SIGKILL) with %d of %d viewers still to refresh and no new like for %d of them; "
                    + "all %d refreshed and all %d likes applied %d s after its restart", pending.size(), VIEWERS,
                    waiting.size(), VIEWERS, 3 * VIEWERS + VIEWERS / 2, Duration.between(restartedAt, Instant.now()).toSeconds());
            List<GigaChatEmulator.Chat> sinceTheKill = gigachat.chats().stream().filter(chat -> chat.received().isAfter(killedAt)).toList();
            for (int viewer = 0; viewer < VIEWERS; viewer++) {
                List<String> firstLikes = titles.subList(3 * viewer, 3 * viewer + 3);
                List<Instant> calls = sinceTheKill.stream().filter(chat -> chat.likes(firstLikes)).map(GigaChatEmulator.Chat::received).toList();
                for (int call = 1; call < calls.size(); call++) {
                    assertThat(Duration.between(calls.get(call - 1), calls.get(call)))
                            .as("viewer %d: a call while the previous one was still being answered", viewer)
                            .isGreaterThanOrEqualTo(Duration.ofMillis(LLM_ANSWERS_IN_MILLIS));
                }
            }
        }
    }
}
