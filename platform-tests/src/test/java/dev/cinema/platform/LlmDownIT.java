package dev.cinema.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The LLM (GigaChat, emulated) answering only 429 and 500 for a minute: feeds stay personal, and only catalog films are shown. */
@Tag("long") // in ./mvnw verify -Plong (CI runs it): one of the slowest cases
@ExtendWith(Platform.class)
class LlmDownIT {

    private static final Duration FAILING_FOR = Duration.ofMinutes(1);

    @Test
    void whileTheLlmAnswers429And500ForAMinuteFeedsStayPersonalFromTheBuiltInRecommender() throws Exception {
        List<String> films = Catalog.films(40);
        try (GigaChatEmulator gigachat = new GigaChatEmulator(Map.of())) {
            gigachat.answers(GigaChatEmulator.suggesting(Catalog.titles(films.subList(30, 40)), 0));
            String before = viewerLiking(films.subList(0, 3));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(Catalog.feed(before)).as("the LLM's suggestions, while it answers")
                            .anySatisfy(item -> assertThat(item.get("source").asString()).isEqualTo("llm")));

            gigachat.failsWith429And500InTurn();
            Instant failingSince = Instant.now();
            for (int viewer = 1; viewer <= 4; viewer++) {
                String token = viewerLiking(films.subList(3 * viewer, 3 * viewer + 3));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    List<JsonNode> feed = Catalog.feed(token);
                    assertThat(feed.getFirst().get("source").asString()).as("personal: the built-in recommender's").isEqualTo("similar");
                    assertThat(feed).noneSatisfy(item -> assertThat(item.get("source").asString()).isEqualTo("llm"));
                });
                for (JsonNode item : Catalog.feed(token)) {
                    assertThat(Http.get("/api/v1/films/" + item.get("id").asString(), null).status()).as("in the catalog").isEqualTo(200);
                }
                Thread.sleep(FAILING_FOR.dividedBy(5));
            }
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), failingSince.plus(FAILING_FOR)).toMillis()));

            List<GigaChatEmulator.Chat> failed = gigachat.chats().stream().filter(chat -> chat.received().isAfter(failingSince)).toList();
            assertThat(failed).as("the LLM was asked during the minute, and refused").isNotEmpty()
                    .allSatisfy(chat -> assertThat(chat.status()).isIn(429, 500));
            assertThat(failed).extracting(GigaChatEmulator.Chat::status).contains(429, 500);
            Report.line("LLM answering 429 and 500 in turn for %d s (%d calls refused): 4 new viewers' feeds personal (built-in "
                    + "recommender), every film shown in the catalog", FAILING_FOR.toSeconds(), failed.size());
        }
    }

    private static String viewerLiking(List<String> films) {
        String token = Http.newViewer();
        films.forEach(film -> assertThat(Http.like(film, token).status()).isEqualTo(200));
        return token;
    }
}
