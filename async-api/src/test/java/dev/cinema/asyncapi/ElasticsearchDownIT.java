package dev.cinema.asyncapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cinema.asyncapi.catalog.CatalogVersion;
import dev.cinema.infra.ElasticsearchServer;
import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.awaitility.Awaitility.await;

@AsyncApiIntegrationTest
class ElasticsearchDownIT {

    private static final WireMockServer RECSYS = Recsys.get();
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();

    @Autowired
    WebTestClient client;

    @Autowired
    CatalogVersion version;

    /**
     * One outage for every case (a restart of Elasticsearch takes 20 s here): what Redis holds is
     * answered, and so is the anonymous feed from the ranking kept in memory; a signed-in viewer
     * whose recommended film was never read gets the cached ranking, or the ranking last read,
     * without their hidden films; what neither holds is a 503 at once; everything answers again
     * once Elasticsearch is back.
     */
    @Test
    void withElasticsearchDownCachedAnswersStayUncachedOnesAre503AtOnceAndAllResumeWhenItIsBack(ElasticsearchServer elasticsearch) {
        List<List<String>> cached = new ArrayList<>();
        stopWithAnswersCached(elasticsearch, () -> {
            client.get().uri("/api/v1/films/{id}", TestCatalog.ALIEN).exchange().expectStatus().isOk();
            // a signed-in feed reads the ranking's top into this context's memory (the anonymous page may come from Redis)
            client.get().uri("/api/v1/feed?size=4").header("Authorization", "Bearer " + ISSUER.token(UUID.randomUUID())).exchange()
                    .expectStatus().isOk();
            cached.add(client.get().uri("/api/v1/feed?size=4").exchange()
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                    .get("items").valueStream().map(item -> item.get("id").asString()).toList());
        });
        List<String> ranking = cached.getLast();
        String token = ISSUER.token(UUID.randomUUID());
        // a film no feed read before (an earlier read would stand in for it, FilmSummaries)
        recommends(token, UUID.randomUUID().toString(), ranking.get(1));
        try {
            client.get().uri("/api/v1/feed?size=4").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.items[*].id").isEqualTo(List.of(ranking.get(0), ranking.get(2), ranking.get(3)));
            // a feed page nobody asked for is cut from the ranking's top, kept in memory
            client.get().uri("/api/v1/feed?size=3").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.items[*].id").isEqualTo(ranking.subList(0, 3));
            for (String uri : new String[] {"/api/v1/films/search?query=nostromo", "/api/v1/persons/" + TestCatalog.RIDLEY_SCOTT}) {
                long started = System.nanoTime();
                client.get().uri(uri).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().valueEquals("Retry-After", "5")
                        .expectBody().jsonPath("$.type").isEqualTo("https://cinema.dev/problems/catalog-unavailable");
                // Refused at once, not after a client's timeout; the bound leaves room for a loaded machine.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as(uri).isLessThan(Duration.ofSeconds(5));
            }
            // a page nobody asked for before is not cached: the ranking last read, without the viewer's hidden film
            client.get().uri("/api/v1/feed?size=9").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.items[0].id").isEqualTo(ranking.get(0))
                    .jsonPath("$.items[*].id").value(not(hasItem(ranking.get(1))));
            // What Redis already holds is still answered.
            client.get().uri("/api/v1/films/{id}", TestCatalog.ALIEN).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("Alien");
        } finally {
            elasticsearch.start();
        }
        recommends(token, ranking.get(3), ranking.get(1));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            client.get().uri("/api/v1/films/search?query=nostromo").exchange().expectStatus().isOk();
            client.get().uri("/api/v1/feed?size=4").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.items[0].id").isEqualTo(ranking.get(3));
        });
    }

    private static void recommends(String token, String film, String hidden) {
        RECSYS.stubFor(get(urlPathEqualTo("/api/v1/recommendations/me")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"items\": [{\"filmId\": \"%s\", \"source\": \"llm\", \"reason\": \"r\"}], \"hiddenFilmIds\": [\"%s\"]}"
                        .formatted(film, hidden))));
    }

    /**
     * Makes the answers {@code requests} asks for cached, then stops Elasticsearch with the catalog
     * version they were cached under still current. Answers are cached per version, and a version
     * observed before the stop (writes of earlier tests) may be adopted after the requests: then the
     * cache holds nothing under the current version, and the whole step is tried again.
     */
    private void stopWithAnswersCached(ElasticsearchServer elasticsearch, Runnable requests) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ZERO).until(() -> {
            awaitSettledCatalogVersion();
            String cachedUnder = version.current();
            requests.run();
            elasticsearch.stop();
            // an observation in flight when Elasticsearch stopped may still land (timeouts are under 1 s)
            Thread.sleep(1_500);
            if (version.current().equals(cachedUnder)) {
                return true;
            }
            elasticsearch.start();
            return false;
        });
    }

    /**
     * Waits until the catalog's version has not changed for 3 s: writes of earlier tests adopted
     * after the ranking page was cached would leave nothing cached under the current version.
     */
    private void awaitSettledCatalogVersion() {
        String[] seen = {version.current()};
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(3)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            String now = version.current();
            boolean settled = now.equals(seen[0]);
            seen[0] = now;
            return settled;
        });
    }
}
