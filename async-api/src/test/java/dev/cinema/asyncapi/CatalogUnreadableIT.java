package dev.cinema.asyncapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cinema.asyncapi.catalog.CatalogVersion;
import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
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
import static dev.cinema.asyncapi.TestCatalog.ALIEN;
import static dev.cinema.asyncapi.TestCatalog.FORGETTABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feeds when the catalog changed (new vote counts, a new version) and Elasticsearch cannot
 * answer the reads of the new version: slow on a loaded machine, or down. The ranking and the
 * recommended films last read stand in, for the anonymous and the signed-in feed, instead of a 503
 * after every version change, even in an instance started during the outage (the last top read is
 * kept in Redis). Elasticsearch refuses the reads by an index block: the same failure to async-api
 * as a server down, and the catalog's version is still polled.
 */
@AsyncApiIntegrationTest
class CatalogUnreadableIT {

    private static final WireMockServer RECSYS = Recsys.get();
    private static final WireMockServer UGC = Ugc.get();
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();

    @Autowired
    WebTestClient client;

    @Autowired
    CatalogVersion version;

    @AfterEach
    void readable() {
        TestCatalog.refuseReads(false);
        TestCatalog.ranked(FORGETTABLE, 0, 0, null);
        RECSYS.resetAll();
        UGC.resetAll();
    }

    @Test
    void aNewCatalogVersionThatCannotBeReadIsAnsweredWithTheRankingAndFilmsLastRead() {
        String token = ISSUER.token(UUID.randomUUID());
        RECSYS.stubFor(get(urlPathEqualTo("/api/v1/recommendations/me")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson("{\"items\": [{\"filmId\": \"%s\", \"source\": \"similar\", \"reason\": \"r\"}], \"hiddenFilmIds\": []}"
                        .formatted(ALIEN))));
        UGC.stubFor(get(urlPathEqualTo("/api/v1/hidden-films")).willReturn(okJson("{\"filmIds\": []}")));
        List<String> ranking = ids(client.get().uri("/api/v1/feed?size=5"));
        assertThat(ids(client.get().uri("/api/v1/feed?size=5").header("Authorization", "Bearer " + token))).first().isEqualTo(ALIEN);

        TestCatalog.refuseReads(true);
        String before = version.current();
        // Votes that would put this film first: the answers below are the ranking read before them.
        TestCatalog.ranked(FORGETTABLE, 100_000, 0, 10.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> !version.current().equals(before));

        assertThat(ids(client.get().uri("/api/v1/feed?size=5"))).isEqualTo(ranking);
        assertThat(ids(client.get().uri("/api/v1/feed?size=3"))).as("a page never asked for, cut from the ranking last read")
                .isEqualTo(ranking.subList(0, 3));
        List<String> personal = new ArrayList<>(List.of(ALIEN));
        ranking.stream().filter(film -> !film.equals(ALIEN)).limit(4).forEach(personal::add);
        assertThat(ids(client.get().uri("/api/v1/feed?size=5").header("Authorization", "Bearer " + token))).isEqualTo(personal);

        TestCatalog.refuseReads(false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(client.get().uri("/api/v1/feed?size=5"))).first().isEqualTo(FORGETTABLE));
    }

    @Test
    void anInstanceStartedWhileTheCatalogCannotBeReadStandsOnTheRankingAnotherOneRead() {
        List<String> ranking = ids(client.get().uri("/api/v1/feed?size=6"));
        TestCatalog.refuseReads(true);
        // a second async-api, as one restarted during an outage: it never read the ranking itself
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(AsyncApiApplication.class)
                .properties("server.port=0", "catalog.version-poll=200ms").run()) {
            int port = restarted.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            WebTestClient second = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
            assertThat(ids(second.get().uri("/api/v1/feed?size=4"))).isEqualTo(ranking.subList(0, 4));
        }
    }

    private static List<String> ids(WebTestClient.RequestHeadersSpec<?> request) {
        JsonNode page = request.exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        return page.get("items").valueStream().map(item -> item.get("id").asString()).toList();
    }
}
