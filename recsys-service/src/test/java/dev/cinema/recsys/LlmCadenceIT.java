package dev.cinema.recsys;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cinema.recsys.llm.LlmRefresh;
import dev.cinema.recsys.profile.Profile;
import dev.cinema.recsys.profile.Profiles;
import dev.cinema.security.TestJwtIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

/**
 * When the LLM is asked (a change, settled, the interval over, the budget left) and what stands in
 * between: its last answer, with the built-in part following every like at once.
 */
@RecsysIntegrationTest
@DirtiesContext
@TestPropertySource(properties = {"recsys.llm.provider=gigachat", "recsys.llm.timeout=2s", "recsys.llm.attempts=1",
        "recsys.llm.concurrency=8", "recsys.llm.requests-per-minute=6000",
        "recsys.llm.cadence.settle=2s", "recsys.llm.cadence.changes=10", "recsys.llm.cadence.min-interval=1h",
        "recsys.llm.daily-calls=1000000", "spring.kafka.consumer.group-id=recsys-llm-cadence-test"})
class LlmCadenceIT {

    private static final WireMockServer GIGACHAT = GigaChat.get();
    /** Started before the context: its keys' address is in AUTH_JWKS_URI when the service reads it. */
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();
    private static final String CHAT = "/api/v1/chat/completions";
    private static final long DAILY_CALLS = 1_000_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Each test's films along an axis of their own (other test classes use other axes). */
    private static final AtomicInteger AXES = new AtomicInteger(270);

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Profiles profiles;

    @Autowired
    LlmRefresh llmRefresh;

    @AfterEach
    void forget() {
        GIGACHAT.resetAll();
        // the budget row is shared with every test class of this JVM
        db.sql("DELETE FROM llm_budget").then().block();
    }

    private record Films(UUID liked, List<UUID> near) {
    }

    /** A film to like and films near it, titled after {@code name}. */
    private static Films films(String name, int near) {
        int axis = AXES.getAndIncrement();
        UUID liked = TestCatalog.film(name, 7.0, axis, axis + 1, 0.0);
        return new Films(liked, IntStream.range(0, near).mapToObj(i -> TestCatalog.film(name + " Part " + (i + 2), 6.5, axis, axis + 1, 0.1)).toList());
    }

    /** The calls for a viewer who liked the film of this title (it is one of their prompt's liked films, not a candidate). */
    private List<LoggedRequest> callsFor(String likedTitle) {
        Pattern liked = Pattern.compile("^l\\d+ \\| " + Pattern.quote(likedTitle) + " \\|", Pattern.MULTILINE);
        return GIGACHAT.findAll(postRequestedFor(urlEqualTo(CHAT))).stream()
                .filter(call -> liked.matcher(JSON.readTree(call.getBodyAsString()).path("messages").path(1).path("content").asString()).find())
                .toList();
    }

    private OffsetDateTime refreshedAt(UUID viewer) {
        return db.sql("SELECT refreshed_at FROM user_refresh WHERE user_id = :user").bind("user", viewer)
                .map(row -> row.get("refreshed_at", OffsetDateTime.class)).one().block();
    }

    /** Due now, and refreshed again. */
    private void refreshAgain(UUID viewer) {
        OffsetDateTime before = refreshedAt(viewer);
        db.sql("UPDATE user_refresh SET due_at = now() WHERE user_id = :user").bind("user", viewer).then().block();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            OffsetDateTime after = refreshedAt(viewer);
            return after != null && (before == null || after.isAfter(before));
        });
    }

    /** Today's calls as if {@code calls} had been made (a call of another test may have made the row already). */
    private void spentToday(long calls) {
        db.sql("""
                        INSERT INTO llm_budget (day, calls, tokens) VALUES ((now() AT TIME ZONE 'UTC')::date, :calls, 0)
                        ON CONFLICT (day) DO UPDATE SET calls = EXCLUDED.calls""")
                .bind("calls", calls).then().block();
    }

    private double skipped(String reason) {
        var counter = meters.find("recsys.llm.skipped").tags("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aViewerUnchangedSinceTheLastAnswerCostsNoCallAndKeepsIt() {
        GigaChat.issues("token-1");
        GIGACHAT.stubFor(GigaChat.ranking(null).withRequestBody(containing("Quiet Viewer's Film"))
                .willReturn(GigaChat.functionCall("{\"picks\": [{\"id\": \"@{Quiet Viewer's Film Part 3}\"}]}")));
        Films films = films("Quiet Viewer's Film", 2);
        UUID viewer = Events.newViewerWhoLiked(films.liked());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> ViewerRecommendations.of(client, viewer)
                .jsonPath("$.items[0].filmId").isEqualTo(films.near().get(1).toString())
                .jsonPath("$.items[0].source").isEqualTo("llm"));
        double unchanged = skipped("unchanged");

        // an hour later, or a day: the hourly refreshes come, nothing changed
        for (int refresh = 0; refresh < 3; refresh++) {
            refreshAgain(viewer);
        }

        assertThat(callsFor("Quiet Viewer's Film")).hasSize(1);
        assertThat(skipped("unchanged") - unchanged).isEqualTo(3);
        ViewerRecommendations.of(client, viewer).jsonPath("$.items[0].filmId").isEqualTo(films.near().get(1).toString())
                .jsonPath("$.items[0].source").isEqualTo("llm");
    }

    @Test
    void aBurstOfLikesIsOneCallWithAllOfThemOnceTheViewerIsQuiet() {
        GigaChat.issues("token-1");
        GIGACHAT.stubFor(GigaChat.ranking(null).withRequestBody(containing("Burst Film One"))
                .willReturn(GigaChat.functionCall("{\"picks\": []}")));
        List<Films> liked = List.of(films("Burst Film One", 1), films("Burst Film Two", 1), films("Burst Film Three", 1),
                films("Burst Film Four", 1));
        UUID viewer = UUID.randomUUID();
        try (Events events = new Events()) {
            for (Films film : liked) {
                events.send(viewer, film.liked(), "LIKED");
            }
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> !callsFor("Burst Film One").isEmpty());
        // settled: the refreshes between the likes (every 100 ms here) made no call
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> callsFor("Burst Film One").size() == 1);
        String prompt = callsFor("Burst Film One").getFirst().getBodyAsString();
        assertThat(prompt).contains("| Burst Film One |", "| Burst Film Two |", "| Burst Film Three |", "| Burst Film Four |");
    }

    @Test
    void aLikeAfterTheAnswerChangesTheBuiltInPartAtOnceAndTheAnswerStandsUntilTheInterval() {
        GigaChat.issues("token-1");
        GIGACHAT.stubFor(GigaChat.ranking(null).withRequestBody(containing("Interval Film"))
                .willReturn(GigaChat.functionCall("{\"picks\": [{\"id\": \"@{Interval Film Part 2}\"}, {\"id\": \"@{Interval Film Part 3}\"}]}")));
        Films first = films("Interval Film", 2);
        Films second = films("Another Taste Entirely", 1);
        UUID viewer = Events.newViewerWhoLiked(first.liked());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> ViewerRecommendations.of(client, viewer)
                .jsonPath("$.items[0].source").isEqualTo("llm"));
        double interval = skipped("interval");

        try (Events events = new Events()) {
            // one of the LLM's films, and a film of another taste
            events.send(viewer, first.near().get(0), "LIKED");
            events.send(viewer, second.liked(), "LIKED");
        }

        // the built-in part follows at once: the new taste's neighbour; the answer stands without the film now liked
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> ViewerRecommendations.of(client, viewer)
                .jsonPath("$.items[0].filmId").isEqualTo(first.near().get(1).toString())
                .jsonPath("$.items[0].source").isEqualTo("llm")
                .jsonPath("$.items[?(@.source == 'similar')].filmId").value(hasItem(second.near().getFirst().toString())));
        await().atMost(Duration.ofSeconds(10)).until(() -> skipped("interval") > interval);
        assertThat(callsFor("Interval Film")).hasSize(1);
    }

    @Test
    void aChangeAppliedAfterTheRoundReadTheProfileIsInThePromptOfTheAnswerThatTakesItAway() {
        GigaChat.issues("token-1");
        GIGACHAT.stubFor(GigaChat.ranking(null).willReturn(GigaChat.functionCall("{\"picks\": []}")));
        UUID viewer = UUID.randomUUID();
        // claimed by an instance that is not there: the context's own rounds leave the viewer to this test
        db.sql("INSERT INTO user_refresh (user_id, due_at, claimed_by, claimed_at) VALUES (:user, now() + interval '1 hour', :other, now())")
                .bind("user", viewer).bind("other", UUID.randomUUID()).then().block();
        List<Films> liked = IntStream.range(0, 10).mapToObj(i -> films("Race Film " + i, 0)).toList();
        Films late = films("The Late Like", 0);
        try (Events events = new Events()) {
            liked.forEach(film -> events.send(viewer, film.liked(), "LIKED"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> profiles.profile(viewer).block().liked().size() == 10);
        Profile readByTheRound = profiles.profile(viewer).block();
        try (Events events = new Events()) {
            events.send(viewer, late.liked(), "LIKED");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> profiles.profile(viewer).block().liked().size() == 11);

        llmRefresh.of(readByTheRound, List.of()).block(Duration.ofSeconds(30));

        // the answer took the eleven changes away: its prompt had all eleven likes
        assertThat(callsFor("The Late Like")).hasSize(1);
        assertThat(db.sql("SELECT llm_changes FROM user_refresh WHERE user_id = :user").bind("user", viewer)
                .map(row -> row.get("llm_changes", Integer.class)).one().block()).isZero();
    }

    @Test
    void overTheDailyBudgetTheBuiltInListStandsWithoutAnError() {
        GigaChat.issues("token-1");
        GIGACHAT.stubFor(GigaChat.ranking(null).willReturn(GigaChat.functionCall("{\"picks\": [{\"id\": \"@{Budget Film Part 2}\"}]}")));
        spentToday(DAILY_CALLS);
        double budget = skipped("budget");
        Films films = films("Budget Film", 1);
        UUID viewer = Events.newViewerWhoLiked(films.liked());

        // settled, the viewer would be asked for: the budget says no
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> skipped("budget") > budget);
        ViewerRecommendations.of(client, viewer)
                .jsonPath("$.items[0].filmId").isEqualTo(films.near().getFirst().toString())
                .jsonPath("$.items[*].source").value(everyItem(org.hamcrest.Matchers.equalTo("similar")));
        assertThat(GIGACHAT.findAll(postRequestedFor(urlEqualTo(CHAT)))).isEmpty();
    }

    @Test
    void ofAThousandViewersDueAgainOnlyTheHundredWhoseReactionsChangedCostACall() {
        GigaChat.issues("token-1");
        GIGACHAT.stubFor(GigaChat.ranking(null).willReturn(GigaChat.functionCall("{\"picks\": []}")));
        Films films = films("Hourly Film", 2);
        // a thousand viewers the LLM answered two hours ago, nothing changed since
        List<UUID> viewers = IntStream.range(0, 1_000).mapToObj(i -> UUID.randomUUID()).toList();
        UUID[] ids = viewers.toArray(UUID[]::new);
        db.sql("""
                        INSERT INTO user_film (user_id, film_id, reaction, changed_at) SELECT viewer, :film, 1, now() - interval '3 hours'
                        FROM unnest(:viewers::uuid[]) AS viewer""")
                .bind("film", films.liked()).bind("viewers", ids).then().block();
        db.sql("""
                        INSERT INTO user_refresh (user_id, due_at, refreshed_at, llm_changes) SELECT viewer, now() + interval '1 hour', now() - interval '2 hours', 0
                        FROM unnest(:viewers::uuid[]) AS viewer""")
                .bind("viewers", ids).then().block();
        db.sql("INSERT INTO llm_answer (user_id, asked_at) SELECT viewer, now() - interval '2 hours' FROM unnest(:viewers::uuid[]) AS viewer")
                .bind("viewers", ids).then().block();
        // a hundred of them like another film
        try (Events events = new Events()) {
            viewers.subList(0, 100).forEach(viewer -> events.send(viewer, films.near().getFirst(), "LIKED"));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> db.sql(
                        "SELECT count(*) AS applied FROM user_film WHERE user_id = ANY(:viewers) AND film_id = :film")
                .bind("viewers", ids).bind("film", films.near().getFirst()).map(row -> row.get("applied", Long.class)).one().block() == 100);

        // the hourly refresh comes for all of them at once
        db.sql("UPDATE user_refresh SET due_at = now(), refreshed_at = NULL WHERE user_id = ANY(:viewers)").bind("viewers", ids).then().block();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> db.sql(
                        "SELECT count(*) AS refreshed FROM user_refresh WHERE user_id = ANY(:viewers) AND refreshed_at IS NOT NULL")
                .bind("viewers", ids).map(row -> row.get("refreshed", Long.class)).one().block() == 1_000);

        // (a viewer refreshed within 2 s of its like is asked once it has settled, after its refresh)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> callsFor("Hourly Film").size() >= 100);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> callsFor("Hourly Film").size() == 100);
    }

    @Test
    @Tag("long")
    void aBurstOfAThousandChangedViewersMakesNoMoreCallsThanTheBudgetLeftAndEveryOneIsRefreshed() {
        GigaChat.issues("token-1");
        GIGACHAT.stubFor(GigaChat.ranking(null).willReturn(GigaChat.functionCall("{\"picks\": []}")));
        // 40 calls left today
        spentToday(DAILY_CALLS - 40);
        Films films = films("Crowd Film", 3);
        List<UUID> viewers = new ArrayList<>();
        try (Events events = new Events()) {
            for (int i = 0; i < 1_000; i++) {
                UUID viewer = UUID.randomUUID();
                events.send(viewer, films.liked(), "LIKED");
                viewers.add(viewer);
            }
        }

        // every viewer refreshed: the built-in list for those the budget left out
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> db.sql(
                        "SELECT count(*) AS refreshed FROM user_refresh WHERE user_id = ANY(:users) AND refreshed_at IS NOT NULL")
                .bind("users", viewers.toArray(UUID[]::new)).map(row -> row.get("refreshed", Long.class)).one().block() == 1_000);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> GIGACHAT.findAll(postRequestedFor(urlEqualTo(CHAT))).size() == 40);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> GIGACHAT.findAll(postRequestedFor(urlEqualTo(CHAT))).size() == 40);
        ViewerRecommendations.of(client, viewers.getLast()).jsonPath("$.items[0].filmId").value(id -> assertThat(films.near()).contains(UUID.fromString((String) id)));
    }
}
