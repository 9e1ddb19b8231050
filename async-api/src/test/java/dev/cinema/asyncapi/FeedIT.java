package dev.cinema.asyncapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cinema.asyncapi.TestCatalog.ALIEN;
import static dev.cinema.asyncapi.TestCatalog.AMELIE;
import static dev.cinema.asyncapi.TestCatalog.BLADE_RUNNER;
import static dev.cinema.asyncapi.TestCatalog.EMPIRE;
import static dev.cinema.asyncapi.TestCatalog.FORGETTABLE;
import static dev.cinema.asyncapi.TestCatalog.GODFATHER;
import static dev.cinema.asyncapi.TestCatalog.NEW_HOPE;
import static dev.cinema.asyncapi.TestCatalog.UNRATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@AsyncApiIntegrationTest
class FeedIT {

    private static final WireMockServer RECSYS = Recsys.get();
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();
    private static final String RECOMMENDATIONS = "/api/v1/recommendations/me";

    @Autowired
    WebTestClient client;

    @AfterEach
    void forgetStubs() {
        RECSYS.resetAll();
    }

    @Test
    void theRankingFollowsThePopularityRecsysComputedThenTheImdbRating() {
        List<String> ranked = List.of(AMELIE, GODFATHER, FORGETTABLE);
        try {
            TestCatalog.ranked(AMELIE, 5_000, 100, 9.8);
            TestCatalog.ranked(GODFATHER, 3, 0, 9.1);
            TestCatalog.ranked(FORGETTABLE, 1, 0, 4.2);
            // Films recsys-service has not ranked yet (new, or just re-indexed) follow, by IMDb rating.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    client.get().uri("/api/v1/feed?size=8").exchange()
                            .expectStatus().isOk()
                            .expectBody()
                            .jsonPath("$.items[*].id").isEqualTo(List.of(AMELIE, GODFATHER, FORGETTABLE, EMPIRE, NEW_HOPE, ALIEN,
                                    BLADE_RUNNER, UNRATED))
                            .jsonPath("$.items[*].source").value(everyItem(org.hamcrest.Matchers.equalTo("popular")))
                            .jsonPath("$.items[0].reason").isEqualTo("Liked by 5000 viewers here")
                            .jsonPath("$.items[2].reason").isEqualTo("Liked by a viewer here")
                            .jsonPath("$.items[3].reason").isEqualTo("Rated 8.7 on IMDb")
                            .jsonPath("$.items[7].reason").isEqualTo("Popular now")
                            .jsonPath("$.total").isEqualTo(8));
        } finally {
            ranked.forEach(film -> TestCatalog.ranked(film, 0, 0, null));
        }
    }

    @Test
    void aViewerSeesTheirRecommendationsFirstThenTheRankingWithoutHiddenFilms() {
        String token = ISSUER.token(UUID.randomUUID());
        RECSYS.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("""
                        {"items": [
                          {"filmId": "%s", "source": "llm", "reason": "because you liked Blade Runner"},
                          {"filmId": "00000000-0000-0000-0000-00000000beef", "source": "llm", "reason": "a film not in the catalog"},
                          {"filmId": "%s", "source": "similar", "reason": "because you liked A New Hope"},
                          {"filmId": "%s", "source": "similar", "reason": "hidden: never shown"}
                        ],
                         "hiddenFilmIds": ["%s", "%s"]}
                        """.formatted(ALIEN, EMPIRE, AMELIE, AMELIE, GODFATHER))));

        client.get().uri("/api/v1/feed?size=3").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of(ALIEN, EMPIRE, NEW_HOPE))
                .jsonPath("$.items[*].source").isEqualTo(List.of("llm", "similar", "popular"))
                .jsonPath("$.items[0].reason").isEqualTo("because you liked Blade Runner")
                .jsonPath("$.total").isEqualTo(6);
        client.get().uri("/api/v1/feed?size=3&page=1").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of(BLADE_RUNNER, FORGETTABLE, UNRATED))
                .jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)));
        RECSYS.verify(2, getRequestedFor(urlPathEqualTo(RECOMMENDATIONS)).withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void whenRecsysFailsOrIsSlowTheFeedIsTheRankingInTime() {
        String token = ISSUER.token(UUID.randomUUID());
        RECSYS.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).willReturn(aResponse().withStatus(500)));
        client.get().uri("/api/v1/feed?size=2").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].id").isEqualTo(List.of(GODFATHER, EMPIRE));

        RECSYS.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).willReturn(okJson("{\"items\": [], \"hiddenFilmIds\": []}")
                .withFixedDelay(5_000)));
        long started = System.nanoTime();
        client.get().uri("/api/v1/feed?size=2").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of(GODFATHER, EMPIRE))
                .jsonPath("$.items[*].source").isEqualTo(List.of("popular", "popular"));
        // The timeout is 1.5 s in these tests (a cold WireMock on a busy machine can take 500 ms).
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));

        RECSYS.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).willReturn(okJson("this is not JSON")));
        client.get().uri("/api/v1/feed?size=2").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].id").isEqualTo(List.of(GODFATHER, EMPIRE));
    }
}
