package dev.cinema.asyncapi;

import dev.cinema.infra.RedisServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Redis's part of the cache: each instance's own memory is off here (the feed tests cover it). */
@AsyncApiIntegrationTest
@TestPropertySource(properties = "catalog.cache.near-entries=0")
class CacheIT {

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void anAnswerIsServedFromRedisOnceKept() {
        List<String> keys = await().atMost(Duration.ofSeconds(10)).until(() -> {
            client.get().uri("/api/v1/films/{id}", TestCatalog.AMELIE).exchange().expectStatus().isOk();
            return redis.keys("catalog:*:film:" + TestCatalog.AMELIE).collectList().block(Duration.ofSeconds(5));
        }, found -> found.size() == 1);
        // What Redis holds is what is answered: Elasticsearch is not asked again.
        redis.opsForValue().set(keys.get(0), "{\"title\":\"kept in Redis\"}").block(Duration.ofSeconds(5));
        client.get().uri("/api/v1/films/{id}", TestCatalog.AMELIE).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.title").isEqualTo("kept in Redis");
    }

    @Test
    void aCatalogChangeIsAnsweredWithoutWaitingForTheCacheToExpire() {
        String film = TestCatalog.BLADE_RUNNER;
        client.get().uri("/api/v1/films/{id}", film).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("Blade Runner");
        client.get().uri("/api/v1/films/search?query=replicant").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        TestCatalog.rename(film, "Blade Runner: The Replicant Cut");
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                client.get().uri("/api/v1/films/{id}", film).exchange()
                        .expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("Blade Runner: The Replicant Cut");
                client.get().uri("/api/v1/films/search?query=replicant").exchange()
                        .expectStatus().isOk().expectBody().jsonPath("$.items[0].id").isEqualTo(film);
            });
        } finally {
            TestCatalog.rename(film, "Blade Runner");
        }
    }

    @Test
    void withRedisDownAnswersComeFromElasticsearch(RedisServer redisServer) {
        redisServer.stop();
        try {
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                client.get().uri("/api/v1/films/{id}", TestCatalog.GODFATHER).exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.title").isEqualTo("The Godfather");
                client.get().uri("/api/v1/films/search?query=godfather").exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.items[0].id").isEqualTo(TestCatalog.GODFATHER);
                // Without waiting on Redis's timeouts; the bound leaves room for a loaded machine.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
        } finally {
            redisServer.start();
        }
        // Back in use once Redis is back and the pause after the failure has passed. (The test's own
        // client reconnects by itself too: until then it refuses commands, which is no failure.)
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            client.get().uri("/api/v1/genres/{id}", TestCatalog.CRIME).exchange().expectStatus().isOk();
            assertThat(redis.keys("catalog:*:genre:" + TestCatalog.CRIME).collectList().block(Duration.ofSeconds(2))).isNotEmpty();
        });
    }
}
