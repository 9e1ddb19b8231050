package dev.cinema.asyncapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cinema.asyncapi.TestCatalog.GODFATHER;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Two ugc-service instances, the first one down (nothing listens on port 9): every signed-in
 * feed still hides the viewer's disliked film, its second ask going to the instance that answers,
 * however the feeds of several viewers interleave.
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
    void withOneInstanceDownEveryFeedHidesTheFilmsTheOtherOneKnows() throws Exception {
        RECSYS.stubFor(get(urlPathEqualTo("/api/v1/recommendations/me")).willReturn(okJson("{\"items\": [], \"hiddenFilmIds\": []}")));
        UGC.stubFor(get(urlPathEqualTo("/api/v1/hidden-films")).willReturn(okJson("{\"filmIds\": [\"" + GODFATHER + "\"]}")));
        // eight at a time, so that the viewers' asks interleave: each feed's second ask must still go to the other instance
        try (ExecutorService viewers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> feeds = IntStream.range(0, 24).<Future<?>>mapToObj(feed -> viewers.submit(() ->
                    client.get().uri("/api/v1/feed?size=20").header("Authorization", "Bearer " + ISSUER.token(UUID.randomUUID())).exchange()
                            .expectStatus().isOk()
                            .expectBody().jsonPath("$.items[*].id").value(not(hasItem(GODFATHER))))).toList();
            for (Future<?> feed : feeds) {
                feed.get(60, TimeUnit.SECONDS);
            }
        }
    }
}
