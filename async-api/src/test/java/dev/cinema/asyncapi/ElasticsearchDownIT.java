package dev.cinema.asyncapi;

import dev.cinema.infra.ElasticsearchServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@AsyncApiIntegrationTest
class ElasticsearchDownIT {

    @Autowired
    WebTestClient client;

    @Test
    void withElasticsearchDownAnUncachedAnswerIs503WithinASecondAndAnswersResumeWhenItIsBack(ElasticsearchServer elasticsearch) {
        client.get().uri("/api/v1/films/{id}", TestCatalog.ALIEN).exchange().expectStatus().isOk();
        elasticsearch.stop();
        try {
            for (String uri : new String[] {"/api/v1/films/search?query=nostromo", "/api/v1/persons/" + TestCatalog.RIDLEY_SCOTT,
                    "/api/v1/feed?size=7"}) {
                long started = System.nanoTime();
                client.get().uri(uri).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.type").isEqualTo("https://cinema.dev/problems/catalog-unavailable");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as(uri).isLessThan(Duration.ofSeconds(1));
            }
            // What Redis already holds is still answered.
            client.get().uri("/api/v1/films/{id}", TestCatalog.ALIEN).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("Alien");
        } finally {
            elasticsearch.start();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                client.get().uri("/api/v1/films/search?query=nostromo").exchange().expectStatus().isOk());
    }
}
