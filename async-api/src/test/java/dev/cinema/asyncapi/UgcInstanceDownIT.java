package dev.cinema.asyncapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cinema.asyncapi.TestCatalog.GODFATHER;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Two ugc-service instances, the first one down (nothing listens on port 9): every signed-in
 * feed still hides the viewer's disliked film, its second ask going to the instance that answers.
 * Each feed is a new viewer's, so that no hidden films last known could stand in.
 */
@AsyncApiIntegrationTest
@TestPropertySource(properties = "feed.ugc-url=http://127.0.0.1:9, ${UGC_URL}")
class UgcInstanceDownIT {

    private static final WireMockServer RECSYS = Recsys.get();
    private static final WireMockServer UGC = Ugc.get();
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();

    @Autowired
    WebTestClient client;

    @AfterEach
    void forgetStubs() {
        RECSYS.resetAll();
        UGC.resetAll();
    }

    @Test
    void withOneInstanceDownEveryFeedHidesTheFilmsTheOtherOneKnows() {
        RECSYS.stubFor(get(urlPathEqualTo("/api/v1/recommendations/me")).willReturn(okJson("{\"items\": [], \"hiddenFilmIds\": []}")));
        UGC.stubFor(get(urlPathEqualTo("/api/v1/hidden-films")).willReturn(okJson("{\"filmIds\": [\"" + GODFATHER + "\"]}")));
        for (int feed = 0; feed < 6; feed++) {
            client.get().uri("/api/v1/feed?size=20").header("Authorization", "Bearer " + ISSUER.token(UUID.randomUUID())).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)));
        }
    }
}
