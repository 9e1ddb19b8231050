package dev.cinema.asyncapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cinema.asyncapi.TestCatalog.ALIEN;
import static dev.cinema.asyncapi.TestCatalog.BLADE_RUNNER;
import static dev.cinema.asyncapi.TestCatalog.EMPIRE;
import static dev.cinema.asyncapi.TestCatalog.GODFATHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The signed-in feed when recsys-service or ugc-service is slow or down: the films the viewer hid
 * come from ugc-service (where the dislike was saved), the last ones known stand in for a service
 * that does not answer, and so do the last recommendations known.
 */
@AsyncApiIntegrationTest
class FeedStandInsIT {

    private static final WireMockServer RECSYS = Recsys.get();
    private static final WireMockServer UGC = Ugc.get();
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();
    private static final String RECOMMENDATIONS = "/api/v1/recommendations/me";
    private static final String HIDDEN = "/api/v1/hidden-films";

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @AfterEach
    void forgetStubs() {
        RECSYS.resetAll();
        UGC.resetAll();
    }

    @Test
    void aFilmDislikedMomentsAgoIsHiddenThoughRecsysDoesNotKnowItYet() {
        String token = ISSUER.token(UUID.randomUUID());
        recommends(token, ALIEN);
        hides(token, GODFATHER);

        feed(token).jsonPath("$.items[0].id").isEqualTo(ALIEN)
                .jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)));
    }

    @Test
    void whenRecsysIsSlowOrDownTheViewerKeepsTheirLastRecommendationsAndNothingHiddenComesBack() {
        UUID viewer = UUID.randomUUID();
        String token = ISSUER.token(viewer);
        recommends(token, ALIEN, BLADE_RUNNER);
        hides(token, GODFATHER);
        feed(token).jsonPath("$.items[0:2].id").isEqualTo(List.of(ALIEN, BLADE_RUNNER));
        assertThat(redis.hasKey("feed:last-known:" + viewer).block(Duration.ofSeconds(5)))
                .as("kept for the other instances too").isTrue();

        RECSYS.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).willReturn(okJson("{\"items\": [], \"hiddenFilmIds\": []}")
                .withFixedDelay(5_000)));
        feed(token).jsonPath("$.items[0:2].id").isEqualTo(List.of(ALIEN, BLADE_RUNNER))
                .jsonPath("$.items[0:2].source").isEqualTo(List.of("similar", "similar"))
                .jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)));

        RECSYS.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).willReturn(aResponse().withStatus(503)));
        hides(token, GODFATHER, EMPIRE);
        feed(token).jsonPath("$.items[0:2].id").isEqualTo(List.of(ALIEN, BLADE_RUNNER))
                .jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)))
                .jsonPath("$.items[*].id").value(not(hasItem(EMPIRE)));
    }

    @Test
    void whenUgcIsDownOrSlowTheFilmsLastKnownHiddenStayHidden() {
        String token = ISSUER.token(UUID.randomUUID());
        recommends(token, ALIEN);
        hides(token, GODFATHER);
        feed(token).jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)));

        UGC.stubFor(get(urlPathEqualTo(HIDDEN)).willReturn(aResponse().withStatus(500)));
        feed(token).jsonPath("$.items[0].id").isEqualTo(ALIEN)
                .jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)));

        UGC.stubFor(get(urlPathEqualTo(HIDDEN)).willReturn(okJson("{\"filmIds\": []}").withFixedDelay(5_000)));
        feed(token).jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)));
    }

    @Test
    void aHiddenListThatComesTooLateIsAskedForOnceMoreBeforeTheLastKnownStandsIn() {
        String token = ISSUER.token(UUID.randomUUID());
        recommends(token, ALIEN);
        hides(token, GODFATHER);
        feed(token).jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)));

        // an instance just restarted: its first answer comes after the feed stopped waiting, the next in time
        UGC.resetAll();
        UGC.stubFor(get(urlPathEqualTo(HIDDEN)).inScenario("cold").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"filmIds\": []}").withFixedDelay(5_000)).willSetStateTo("warm"));
        UGC.stubFor(get(urlPathEqualTo(HIDDEN)).inScenario("cold").whenScenarioStateIs("warm")
                .willReturn(okJson("{\"filmIds\": [\"" + GODFATHER + "\", \"" + EMPIRE + "\"]}")));

        feed(token).jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)))
                .jsonPath("$.items[*].id").value(not(hasItem(EMPIRE)));
    }

    @Test
    void aViewerNobodyKnowsGetsTheRankingWhenBothAreDown() {
        String token = ISSUER.token(UUID.randomUUID());
        RECSYS.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).willReturn(aResponse().withStatus(500)));
        UGC.stubFor(get(urlPathEqualTo(HIDDEN)).willReturn(aResponse().withStatus(500)));

        feed(token).jsonPath("$.items[0:2].id").isEqualTo(List.of(GODFATHER, EMPIRE))
                .jsonPath("$.items[0:2].source").isEqualTo(List.of("popular", "popular"));
    }

    private WebTestClient.BodyContentSpec feed(String token) {
        return client.get().uri("/api/v1/feed?size=20").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody();
    }

    private static void recommends(String token, String... films) {
        StringBuilder items = new StringBuilder();
        for (String film : films) {
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"filmId\": \"%s\", \"source\": \"similar\", \"reason\": \"because you liked it\"}".formatted(film));
        }
        RECSYS.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"items\": [" + items + "], \"hiddenFilmIds\": []}")));
    }

    private static void hides(String token, String... films) {
        UGC.stubFor(get(urlPathEqualTo(HIDDEN)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"filmIds\": [" + Arrays.stream(films).map(film -> "\"" + film + "\"")
                        .collect(Collectors.joining(",")) + "]}")));
    }
}
