package dev.cinema.ugc;

import dev.cinema.security.TestJwtIssuer;
import dev.cinema.ugc.reaction.UserFilm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ugc-service instances on one MongoDB and one Kafka, a viewer's requests spread over both as a
 * load balancer would, many of them at once for the same films: no version is made twice, and
 * whatever order the instances' relays publish in, a consumer that keeps each film's highest
 * version ends where MongoDB did.
 */
@UgcIntegrationTest
class TwoInstancesIT {

    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();
    private static final List<String> ACTIONS = List.of("LIKE", "DISLIKE", "REMOVE");
    private static ConfigurableApplicationContext second;
    private static Events events;

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @BeforeAll
    static void startSecondInstance() {
        // Arguments, not default properties: those would lose to application.yml's port.
        second = new SpringApplicationBuilder(UgcServiceApplication.class)
                .run("--server.port=0", "--ugc.events.relay-interval=50ms", "--ugc.events.max-backoff=1s", "--ugc.events.sweep-interval=2s");
        events = new Events();
    }

    @AfterAll
    static void stopSecondInstance() {
        events.close();
        second.close();
    }

    @Test
    void concurrentChangesThroughTwoInstancesEndAsMongoDbSaysWhenConsumersKeepTheHighestVersion() {
        UUID user = UUID.randomUUID();
        String token = ISSUER.token(user);
        List<UUID> films = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            films.add(Catalog.film());
        }
        List<WebClient> instances = List.of(WebClient.create("http://127.0.0.1:" + port),
                WebClient.create("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port")));
        Random random = new Random(42);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            requests.add(new Request(films.get(random.nextInt(films.size())), ACTIONS.get(random.nextInt(ACTIONS.size())),
                    instances.get(random.nextInt(instances.size()))));
        }

        List<Integer> statuses = Flux.fromIterable(requests).flatMap(request -> request.send(token), 32)
                .collectList().block(Duration.ofMinutes(2));
        assertThat(statuses).hasSize(requests.size()).allMatch(status -> status == 200 || status == 204);

        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                mongo.findAll(UserFilm.class).filter(document -> user.equals(document.userId()))
                        .filter(document -> !document.outbox().isEmpty()).count().block()).isZero());
        // Published is not yet read: the consumer may need more than one poll for them all.
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            Set<String> read = events.of(user).stream().map(event -> event.filmId() + "@" + event.version()).collect(Collectors.toSet());
            assertThat(mongo.findAll(UserFilm.class).filter(document -> user.equals(document.userId()))
                    .map(document -> document.filmId() + "@" + document.version()).collectList().block())
                    .as("each document's newest version read").allMatch(read::contains);
        });
        // Delivery is at least once: the same event twice is one event.
        Map<UUID, List<Events.Event>> byFilm = events.of(user).stream()
                .collect(Collectors.toMap(Events.Event::eventId, event -> event, (one, again) -> one)).values().stream()
                .collect(Collectors.groupingBy(Events.Event::filmId));
        for (UUID film : films) {
            UserFilm stored = mongo.findById(UserFilm.id(user, film), UserFilm.class).block();
            if (stored == null) {
                assertThat(byFilm.get(film)).as("no document, no event").isNull();
                continue;
            }
            List<Events.Event> ofFilm = byFilm.get(film);
            // Not every version need be published: an unpublished event is dropped when a newer one supersedes it.
            assertThat(ofFilm).extracting(Events.Event::version).as("one event per version, film %s", film)
                    .doesNotHaveDuplicates().doesNotContainNull();
            Events.Event newest = ofFilm.stream().max(Comparator.comparing(Events.Event::version)).orElseThrow();
            assertThat(newest.version()).isEqualTo(stored.version());
            assertThat(newest.type()).as("film %s", film).isEqualTo(stored.value() == null ? "REACTION_REMOVED"
                    : stored.value().name() + "D");
        }
    }

    private record Request(UUID film, String action, WebClient instance) {
        Mono<Integer> send(String token) {
            WebClient.RequestHeadersSpec<?> spec = action.equals("REMOVE")
                    ? instance.delete().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(token))
                    : instance.put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(token))
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("value", action));
            return spec.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
        }
    }
}
