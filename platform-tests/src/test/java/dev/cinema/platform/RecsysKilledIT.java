package dev.cinema.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * recsys-service killed (SIGKILL) while it is refreshing viewers, likes arriving while it is down,
 * then started again: every viewer is refreshed, every like is applied, and no viewer is ever
 * refreshed twice at once (seen from the LLM's side: no two calls for one viewer overlap).
 */
@ExtendWith(Platform.class)
class RecsysKilledIT {

    private static final int VIEWERS = 24;
    private static final int LLM_ANSWERS_IN_MILLIS = 2_000;

    @Test
    void killedMidRefreshNoViewerIsLostOrRefreshedTwiceAtOnceAndEventsSentMeanwhileAreApplied() {
        List<String> films = Catalog.films(4 * VIEWERS + 10);
        List<String> titles = Catalog.titles(films);
        // an LLM that takes its time, two calls at once: refreshes are in flight, and queue, when the kill comes
        Map<String, String> settings = Map.of("RECSYS_LLM_CONCURRENCY", "2", "RECSYS_LLM_REQUESTS_PER_MINUTE", "1000");
        try (GigaChatEmulator gigachat = new GigaChatEmulator(settings)) {
            gigachat.answers(GigaChatEmulator.suggesting(titles.subList(4 * VIEWERS, 4 * VIEWERS + 10), LLM_ANSWERS_IN_MILLIS));
            List<String> viewers = IntStream.range(0, VIEWERS).mapToObj(viewer -> Http.newViewer()).toList();
            for (int viewer = 0; viewer < VIEWERS; viewer++) {
                for (int film = 3 * viewer; film < 3 * viewer + 3; film++) {
                    assertThat(Http.like(films.get(film), viewers.get(viewer)).status()).isEqualTo(200);
                }
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> gigachat.chats().size() >= 3);

            LocalRun.kill("recsys-service");
            Instant killedAt = Instant.now();
            // a fourth like each while recsys-service is down: in Kafka, for it to consume when back
            for (int viewer = 0; viewer < VIEWERS; viewer++) {
                assertThat(Http.like(films.get(3 * VIEWERS + viewer), viewers.get(viewer)).status()).isEqualTo(200);
            }
            LocalRun.start("recsys-service", gigachat.environment());

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                for (int viewer = 0; viewer < VIEWERS; viewer++) {
                    Set<String> liked = Set.of(films.get(3 * viewer), films.get(3 * viewer + 1), films.get(3 * viewer + 2),
                            films.get(3 * VIEWERS + viewer));
                    String token = viewers.get(viewer);
                    assertThat(Catalog.knownToRecsys(token)).as("viewer %d's likes in recsys", viewer).isEqualTo(liked);
                    assertThat(Catalog.recommendations(token)).as("viewer %d refreshed", viewer).isNotEmpty();
                }
            });

            List<GigaChatEmulator.Chat> sinceRestart = gigachat.chats().stream().filter(chat -> chat.received().isAfter(killedAt)).toList();
            for (int viewer = 0; viewer < VIEWERS; viewer++) {
                List<String> firstLikes = titles.subList(3 * viewer, 3 * viewer + 3);
                List<Instant> calls = sinceRestart.stream().filter(chat -> chat.likes(firstLikes)).map(GigaChatEmulator.Chat::received).toList();
                assertThat(calls).as("viewer %d was refreshed after the restart", viewer).isNotEmpty();
                for (int call = 1; call < calls.size(); call++) {
                    assertThat(Duration.between(calls.get(call - 1), calls.get(call)))
                            .as("viewer %d: a call while the previous one was still being answered", viewer)
                            .isGreaterThanOrEqualTo(Duration.ofMillis(LLM_ANSWERS_IN_MILLIS));
                }
            }
        }
    }
}
