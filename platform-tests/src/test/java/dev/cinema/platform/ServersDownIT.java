package dev.cinema.platform;

import dev.cinema.platform.Http.Answer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Elasticsearch, Redis or MongoDB stopped under the running platform, as an operator would find
 * it: what still answers, what answers 503, and that everything comes back without restarting a
 * service once the server is back.
 */
@Tag("long") // in ./mvnw verify -Plong (CI runs it): each case stops and restarts a server under the whole platform
@ExtendWith(Platform.class)
class ServersDownIT {

    private static final List<String> SERVICES = List.of("auth-service", "ugc-service", "async-api", "recsys-service", "nginx");

    @Test
    void withElasticsearchDownSearchAndFilmPagesAre503WithoutWaitingOnItTheFeedAnswersAndAllRecoversByItself() {
        String token = Http.newViewer();
        List<String> films = Catalog.films(3);
        assertThat(Http.get("/api/v1/feed?size=20", null).status()).isEqualTo(200);
        Map<String, Long> pids = pids();

        LocalRun.stop("elasticsearch");
        try {
            String unseen = "nostromo" + UUID.randomUUID().toString().substring(0, 8);
            long slowest = 0;
            for (String path : List.of("/api/v1/films/search?query=" + unseen, "/api/v1/films/" + UUID.randomUUID(),
                    "/api/v1/persons/search?query=" + unseen)) {
                long started = System.nanoTime();
                Answer answer = Http.get(path, null);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                slowest = Math.max(slowest, took.toMillis());
                // A refused connection is answered at once; the bound only tells that from waiting out a
                // timeout (Http's 20 s), with room for a loaded machine. The figure is reported.
                assertThat(took).as(path).isLessThan(Duration.ofSeconds(5));
                assertThat(answer.status()).as(path).isEqualTo(503);
                assertThat(answer.contentType()).as(path).isEqualTo("application/problem+json");
                assertThat(answer.json().get("status").asInt()).isEqualTo(503);
            }
            // the feed from what async-api still has: the cached ranking, for anyone and for the viewer
            assertThat(Http.get("/api/v1/feed?size=20", null).json().get("items")).hasSize(20);
            assertThat(Http.get("/api/v1/feed?size=20", token).status()).isEqualTo(200);
            // a like does not need the catalog's search to be kept
            assertThat(Http.like(films.get(0), token).status()).isEqualTo(200);
            Report.line("Elasticsearch stopped: search, film and person pages 503 problem+json in %d ms at most; "
                    + "feeds 200 (cached ranking, without the viewer's hidden films); likes 200", slowest);
        } finally {
            LocalRun.start("elasticsearch");
        }
        Instant back = Instant.now();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(Http.get("/api/v1/films/search?query=star", null).status()).isEqualTo(200);
            assertThat(Http.get("/api/v1/films/" + films.get(1), null).status()).isEqualTo(200);
            assertThat(Http.get("/api/v1/feed?size=20", token).status()).isEqualTo(200);
        });
        assertThat(pids()).as("no service was restarted").isEqualTo(pids);
        Report.line("Elasticsearch back: search, film pages and feeds answered again %d s after its start returned, no service restarted",
                Duration.between(back, Instant.now()).toSeconds());
    }

    @Test
    void withRedisDownEverythingStillAnswers() {
        String token = Http.newViewer();
        List<String> films = Catalog.films(2);
        Map<String, Long> pids = pids();

        LocalRun.stop("redis");
        try {
            assertThat(Http.get("/api/v1/films/search?query=" + UUID.randomUUID().toString().substring(0, 8), null).status()).isEqualTo(200);
            assertThat(Http.get("/api/v1/films/" + films.get(0), null).status()).isEqualTo(200);
            assertThat(Http.get("/api/v1/genres", null).status()).isEqualTo(200);
            assertThat(Http.get("/api/v1/films?size=7&page=3", null).status()).isEqualTo(200);
            assertThat(Http.get("/api/v1/feed?size=13", null).status()).isEqualTo(200);
            assertThat(Http.get("/api/v1/feed?size=13", token).status()).isEqualTo(200);
            assertThat(Http.like(films.get(1), token).status()).isEqualTo(200);
            assertThat(Http.newViewer()).isNotBlank();
            Report.line("Redis stopped: search, film, genre, list and feed pages, likes, registration and login all 2xx");
        } finally {
            LocalRun.start("redis");
        }
        assertThat(Http.get("/api/v1/films/" + films.get(1), null).status()).isEqualTo(200);
        assertThat(pids()).as("no service was restarted").isEqualTo(pids);
    }

    @Test
    void withMongoDownReactionsAre503NothingIsHalfWrittenAndTheOutboxDrainsOnceItIsBack() {
        String token = Http.newViewer();
        List<String> films = Catalog.films(21);
        List<String> liked = films.subList(0, 20);
        String refused = films.get(20);

        // Kafka away too: the 20 likes' events wait in MongoDB's outbox while MongoDB goes down
        LocalRun.stop("kafka");
        try {
            liked.forEach(film -> assertThat(Http.like(film, token).status()).isEqualTo(200));
            LocalRun.stop("mongo");
            try {
                for (Answer answer : List.of(Http.like(refused, token), Http.get("/api/v1/reactions", token),
                        Http.send(Http.request("/api/v1/reactions/" + liked.get(0)).header("Authorization", "Bearer " + token).DELETE().build()),
                        Http.send(Http.request("/api/v1/exclusions/" + refused).header("Authorization", "Bearer " + token)
                                .PUT(HttpRequest.BodyPublishers.noBody()).build()))) {
                    assertThat(answer.status()).as(answer.response().request().method() + " " + answer.response().uri()).isEqualTo(503);
                    assertThat(answer.contentType()).isEqualTo("application/problem+json");
                }
            } finally {
                LocalRun.start("mongo");
            }
            Report.line("MongoDB stopped: like, unlike, exclusion and reaction list 503 problem+json; after its restart the viewer's "
                    + "reactions are the 20 made before, the refused ones not half-written");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(Http.get("/api/v1/reactions?size=100", token).status()).isEqualTo(200));
            Answer reactions = Http.get("/api/v1/reactions?size=100", token);
            assertThat(reactions.json().get("total").asInt()).as("the 20 likes kept, the refused one and the refused removal not half-done").isEqualTo(20);
            assertThat(Catalog.ids(reactions.json().get("items").values())).isEqualTo(Set.copyOf(liked));
            assertThat(Http.get("/api/v1/exclusions", token).json().get("total").asInt()).isZero();
        } finally {
            LocalRun.start("kafka");
        }
        Instant kafkaBack = Instant.now();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(Catalog.knownToRecsys(token)).isEqualTo(Set.copyOf(liked)));
        Report.line("MongoDB's outbox drained: the 20 events held while Kafka and MongoDB were down reached recsys-service %d s after Kafka was back",
                Duration.between(kafkaBack, Instant.now()).toSeconds());
    }

    @Test
    void withKafkaDownADislikedOrExcludedFilmLeavesTheFeedAtOnceAndStaysOutWithRecsysDownToo() {
        String token = Http.newViewer();
        List<String> shown = feedIds(token);
        String disliked = shown.get(0);
        String excluded = shown.get(1);

        LocalRun.stop("kafka");
        try {
            assertThat(Http.put("/api/v1/reactions/" + disliked, "{\"value\":\"DISLIKE\"}", token).status()).isEqualTo(200);
            assertThat(Http.send(Http.request("/api/v1/exclusions/" + excluded).header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(200);
            assertThat(feedIds(token)).as("recsys-service has not heard of them; ugc-service has").doesNotContain(disliked, excluded);
            LocalRun.stop("recsys-service");
            try {
                assertThat(feedIds(token)).as("recsys-service down too").doesNotContain(disliked, excluded);
            } finally {
                LocalRun.start("recsys-service");
            }
        } finally {
            LocalRun.start("kafka");
        }
        Report.line("Kafka stopped: a film disliked and one excluded left the viewer's feed at once, and stayed out with recsys-service stopped too");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(Catalog.knownToRecsys(token)).contains(disliked, excluded));
    }

    /**
     * A service started while auth-service is down has no keys to check tokens with: a good token is a
     * 503 that says when to come back (it was a 500 for as long as auth-service was away), and once
     * auth-service is back the same token is accepted, nothing restarted.
     */
    @Test
    void aServiceStartedWhileAuthIsDownAnswers503WithRetryAfterUntilAuthIsBack() {
        String token = Http.newViewer();
        String film = Catalog.films(1).getFirst();
        LocalRun.stop("auth-service");
        try {
            LocalRun.restart("ugc-service", Map.of());
            Answer like = Http.like(film, token);
            assertThat(like.status()).as(like.body()).isEqualTo(503);
            assertThat(like.header("Retry-After")).isNotNull();
            assertThat(like.contentType()).startsWith("application/problem+json");
        } finally {
            LocalRun.start("auth-service");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Http.like(film, token).status()).isEqualTo(200));
        Report.line("auth-service down when ugc-service started: a like with a good token 503 with Retry-After; 200 once auth-service was back, ugc-service not restarted");
    }

    private static List<String> feedIds(String token) {
        Answer feed = Http.get("/api/v1/feed?size=100", token);
        assertThat(feed.status()).isEqualTo(200);
        return feed.json().get("items").values().stream().map(item -> item.get("id").asString()).toList();
    }

    private static Map<String, Long> pids() {
        return SERVICES.stream().collect(Collectors.toMap(service -> service, LocalRun::pid));
    }
}
