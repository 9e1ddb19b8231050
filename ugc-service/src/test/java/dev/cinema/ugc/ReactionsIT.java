package dev.cinema.ugc;

import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@UgcIntegrationTest
class ReactionsIT {

    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();
    private static Events events;

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    @BeforeAll
    static void listen() {
        events = new Events();
    }

    @AfterAll
    static void stopListening() {
        events.close();
    }

    @Test
    void aLikeIsStoredAndTheSameRequestAgainChangesNothing() {
        UUID user = UUID.randomUUID();
        UUID film = Catalog.film();

        react(user, film, "LIKE").expectStatus().isOk()
                .expectBody().jsonPath("$.filmId").isEqualTo(film.toString()).jsonPath("$.value").isEqualTo("LIKE");
        String first = react(user, film, "LIKE").expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String again = react(user, film, "LIKE").expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(again).isEqualTo(first);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(events.of(user)).extracting(Events.Event::type).containsExactly("LIKED"));
    }

    @Test
    void eventsCarryTheUserAsKeyAndKeepTheOrderOfWhatTheViewerDid() {
        UUID user = UUID.randomUUID();
        UUID film = Catalog.film();
        String token = ISSUER.token(user);
        // Each step waits for its event: one not yet published would be superseded by the next.
        List<Runnable> steps = List.of(
                () -> react(user, film, "LIKE").expectStatus().isOk(),
                () -> react(user, film, "DISLIKE").expectStatus().isOk().expectBody().jsonPath("$.value").isEqualTo("DISLIKE"),
                () -> web.delete().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isNoContent(),
                () -> web.put().uri("/api/v1/exclusions/{film}", film).headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isOk().expectBody().jsonPath("$.filmId").isEqualTo(film.toString()),
                () -> web.delete().uri("/api/v1/exclusions/{film}", film).headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isNoContent(),
                () -> web.post().uri("/api/v1/films/{film}/more-like-this", film).headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isAccepted());
        for (int step = 0; step < steps.size(); step++) {
            steps.get(step).run();
            int published = step + 1;
            await().atMost(Duration.ofSeconds(20)).until(() -> events.of(user).size() >= published);
        }

        assertThat(events.of(user)).extracting(Events.Event::type)
                .containsExactly("LIKED", "DISLIKED", "REACTION_REMOVED", "EXCLUDED", "EXCLUSION_REMOVED", "MORE_LIKE_THIS");
        assertThat(events.of(user)).extracting(Events.Event::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(events.of(user)).allSatisfy(event -> {
            assertThat(event.key()).isEqualTo(user.toString());
            assertThat(event.filmId()).isEqualTo(film);
        });
    }

    @Test
    void theCallerSeesOnlyTheirOwnReactionsNewestFirst() {
        UUID me = UUID.randomUUID();
        UUID someoneElse = UUID.randomUUID();
        UUID older = Catalog.film();
        UUID newer = Catalog.film();
        UUID disliked = Catalog.film();
        react(me, older, "LIKE");
        react(me, newer, "LIKE");
        react(me, disliked, "DISLIKE");
        react(someoneElse, Catalog.film(), "LIKE");

        web.get().uri("/api/v1/reactions?value=LIKE").headers(h -> h.setBearerAuth(ISSUER.token(me))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].filmId").isEqualTo(newer.toString())
                .jsonPath("$.items[1].filmId").isEqualTo(older.toString());
        web.get().uri("/api/v1/reactions?size=1&page=2").headers(h -> h.setBearerAuth(ISSUER.token(me))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(3)
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].filmId").isEqualTo(older.toString());
        web.get().uri("/api/v1/reactions").headers(h -> h.setBearerAuth(ISSUER.token(UUID.randomUUID()))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void theHiddenFilmsAreTheCallersLikedDislikedAndExcludedOnesAtOnce() {
        UUID me = UUID.randomUUID();
        UUID liked = Catalog.film();
        UUID disliked = Catalog.film();
        UUID excluded = Catalog.film();
        UUID likedThenRemoved = Catalog.film();
        react(me, liked, "LIKE");
        react(me, disliked, "DISLIKE");
        react(me, likedThenRemoved, "LIKE");
        web.delete().uri("/api/v1/reactions/{film}", likedThenRemoved).headers(h -> h.setBearerAuth(ISSUER.token(me))).exchange()
                .expectStatus().isNoContent();
        web.put().uri("/api/v1/exclusions/{film}", excluded).headers(h -> h.setBearerAuth(ISSUER.token(me))).exchange()
                .expectStatus().isOk();
        react(UUID.randomUUID(), Catalog.film(), "DISLIKE");

        web.get().uri("/api/v1/hidden-films").headers(h -> h.setBearerAuth(ISSUER.token(me))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.filmIds.length()").isEqualTo(3)
                .jsonPath("$.filmIds[?(@ == '%s')]".formatted(liked)).exists()
                .jsonPath("$.filmIds[?(@ == '%s')]".formatted(disliked)).exists()
                .jsonPath("$.filmIds[?(@ == '%s')]".formatted(excluded)).exists();
        web.get().uri("/api/v1/hidden-films").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aFilmsLikesAndDislikesArePublic() {
        UUID film = Catalog.film();
        react(UUID.randomUUID(), film, "LIKE");
        react(UUID.randomUUID(), film, "LIKE");
        react(UUID.randomUUID(), film, "DISLIKE");

        web.get().uri("/api/v1/films/{film}/stats", film).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.likes").isEqualTo(2).jsonPath("$.dislikes").isEqualTo(1);
    }

    @Test
    void concurrentIdenticalLikesLeaveOneReactionAndOneEvent() {
        UUID user = UUID.randomUUID();
        UUID film = Catalog.film();

        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        String token = ISSUER.token(user);

        List<Integer> statuses = Flux.range(0, 16)
                .flatMap(i -> client.put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(token))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("value", "LIKE"))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 16)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(statuses).hasSize(16).containsOnly(200);
        web.get().uri("/api/v1/films/{film}/stats", film).exchange().expectBody().jsonPath("$.likes").isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(events.of(user)).extracting(Events.Event::type).containsExactly("LIKED"));
    }

    @Test
    void hostileOrMistakenRequestsAreClearFourHundreds() {
        UUID user = UUID.randomUUID();
        String token = ISSUER.token(user);
        UUID film = Catalog.film();

        react(user, UUID.randomUUID(), "LIKE").expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("no film"));
        web.put().uri("/api/v1/reactions/not-a-uuid").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("value", "LIKE")).exchange().expectStatus().isBadRequest();
        react(user, film, "LOVE").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isBadRequest();
        web.put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"value\": \"LIKE\"").exchange().expectStatus().isBadRequest();
        web.put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"value\": \"LIKE\", \"pad\": \"" + "x".repeat(5_000) + "\"}").exchange()
                .expectStatus().isEqualTo(413);
        web.get().uri("/api/v1/reactions?size=1000").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isBadRequest();
        web.get().uri("/api/v1/reactions?value=MEH").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isBadRequest();
        web.put().uri("/api/v1/reactions/{film}", film).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("value", "LIKE"))
                .exchange().expectStatus().isUnauthorized();
        web.put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(token + "x")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("value", "LIKE")).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthIsUpWithTheEmbeddedMongoWhichDoesNotKnowHello(@LocalManagementPort int managementPort) {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build()
                .get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private WebTestClient.ResponseSpec react(UUID user, UUID film, String value) {
        return web.put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(ISSUER.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("value", value)).exchange();
    }
}
