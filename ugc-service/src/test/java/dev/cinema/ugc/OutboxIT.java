package dev.cinema.ugc;

import dev.cinema.infra.ElasticsearchServer;
import dev.cinema.infra.KafkaServer;
import dev.cinema.infra.MongoServer;
import dev.cinema.security.TestJwtIssuer;
import dev.cinema.ugc.outbox.EventType;
import dev.cinema.ugc.outbox.OutboxRelay;
import dev.cinema.ugc.outbox.PendingEvent;
import dev.cinema.ugc.reaction.ReactionValue;
import dev.cinema.ugc.reaction.UserFilm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@UgcIntegrationTest
class OutboxIT {

    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    @Test
    void reactionsAreAcceptedWhileKafkaIsDownAndTheNewestOfEachArrivesInOrderOnceItIsBack(KafkaServer kafka) {
        List<UUID> films = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            films.add(Catalog.film());
        }
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(UUID.randomUUID());
        }
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        UUID toggler = UUID.randomUUID();
        UUID toggled = Catalog.film();
        kafka.stop();
        List<Integer> statuses;
        try {
            // One more viewer presses LIKE and DISLIKE in turn on one film, 51 times, ending on LIKE.
            for (int press = 0; press < 51; press++) {
                assertThat(react(client, toggler, toggled, press % 2 == 0 ? "LIKE" : "DISLIKE")).isEqualTo(200);
            }
            assertThat(mongo.findById(UserFilm.id(toggler, toggled), UserFilm.class).block().outbox())
                    .as("each press superseded the unpublished one before it").singleElement()
                    .satisfies(pending -> assertThat(pending.version()).isEqualTo(51L));
            // 20 users x 50 films = 1,000 likes; each user's in film order, the users at once.
            statuses = Flux.fromIterable(users).flatMap(user -> {
                String token = ISSUER.token(user);
                return Flux.fromIterable(films).concatMap(film -> client.put().uri("/api/v1/reactions/{film}", film)
                        .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("value", "LIKE"))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())));
            }, 20).collectList().block(Duration.ofMinutes(3));
        } finally {
            kafka.start();
        }
        assertThat(statuses).hasSize(1_000).containsOnly(200);

        try (Events events = new Events()) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<Events.Event> mine = events.poll().stream().filter(event -> users.contains(event.userId())).toList();
                assertThat(mine.stream().map(Events.Event::eventId).collect(Collectors.toSet())).hasSize(1_000);
            });
            // An event handed to the producer just before Kafka went away may still arrive (the producer keeps it
            // until delivery.timeout.ms); of the superseded ones still in the outbox, none does. The newest is the state.
            await().atMost(Duration.ofSeconds(30)).until(() -> events.of(toggler).stream().anyMatch(event -> event.version() == 51L));
            assertThat(events.of(toggler)).as("the newest state").filteredOn(event -> event.version() == 51L).singleElement()
                    .satisfies(event -> assertThat(event.type()).isEqualTo("LIKED"));
            assertThat(events.of(toggler)).extracting(Events.Event::version).as("nothing newer").allMatch(version -> version <= 51L);
            for (UUID user : users) {
                List<UUID> inOrder = events.of(user).stream().map(Events.Event::filmId).distinct().toList();
                assertThat(inOrder).as("user %s's likes in the order given", user).isEqualTo(films);
            }
        }
    }

    private static int react(WebClient client, UUID user, UUID film, String value) {
        return client.put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(ISSUER.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("value", value))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .block(Duration.ofSeconds(30));
    }

    @Test
    void aDocumentWrittenBeforeVersionsIsChangedAndGetsItsFirstVersion() {
        UUID user = UUID.randomUUID();
        UUID film = Catalog.film();
        mongo.insert(new UserFilm(UserFilm.id(user, film), user, film, ReactionValue.LIKE, Instant.now(), false, null,
                null, List.of())).block(Duration.ofSeconds(10));
        WebClient client = WebClient.create("http://127.0.0.1:" + port);

        assertThat(react(client, user, film, "DISLIKE")).isEqualTo(200);

        UserFilm stored = mongo.findById(UserFilm.id(user, film), UserFilm.class).block(Duration.ofSeconds(10));
        assertThat(stored.value()).isEqualTo(ReactionValue.DISLIKE);
        assertThat(stored.version()).isEqualTo(1L);
        try (Events events = new Events()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.of(user))
                    .extracting(Events.Event::type, Events.Event::version).containsExactly(tuple("DISLIKED", 1L)));
        }
    }

    @Test
    void anEventLeftInAnOutboxByAnInstanceThatDiedIsPublished() {
        UUID user = UUID.randomUUID();
        UUID film = UUID.randomUUID();
        PendingEvent left = PendingEvent.of(EventType.DISLIKED, 1);
        // Written as another instance would have, which then died before its relay published it.
        mongo.insert(new UserFilm(UserFilm.id(user, film), user, film, ReactionValue.DISLIKE, left.occurredAt(), false, null,
                1L, List.of(left))).block(Duration.ofSeconds(10));
        try (Events events = new Events()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(events.of(user)).extracting(Events.Event::eventId).containsExactly(left.eventId()));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(mongo.findById(UserFilm.id(user, film), UserFilm.class).block().outbox()).isEmpty());
    }

    @Test
    void eventsLeftByAnInstanceThatDiedGoOldestFirstAcrossTheSearchRounds() {
        UUID user = UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(3_600);
        List<UserFilm> left = new ArrayList<>();
        // More documents than one round takes, so the search runs three rounds; written in another order than they happened.
        for (int i = 0; i < 1_200; i++) {
            UUID film = UUID.randomUUID();
            PendingEvent event = new PendingEvent(UUID.randomUUID(), EventType.LIKED, start.plusMillis(i), 1L);
            left.add(new UserFilm(UserFilm.id(user, film), user, film, ReactionValue.LIKE, event.occurredAt(), false, null,
                    1L, List.of(event)));
        }
        List<UUID> inOrder = left.stream().map(UserFilm::filmId).toList();
        List<UserFilm> shuffled = new ArrayList<>(left);
        Collections.shuffle(shuffled, new Random(7));
        // Held while they are written, so that no search sees only some of them.
        relay.stop();
        try {
            mongo.insertAll(shuffled).collectList().block(Duration.ofSeconds(30));
        } finally {
            relay.start();
        }
        try (Events events = new Events()) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(events.of(user)).hasSizeGreaterThanOrEqualTo(1_200));
            assertThat(events.of(user).stream().map(Events.Event::filmId).distinct().toList())
                    .as("the viewer's likes in the order they happened").isEqualTo(inOrder);
        }
    }

    @Test
    void aLikeIsAcceptedWhenTheCatalogCannotBeAsked(ElasticsearchServer elasticsearch) {
        UUID user = UUID.randomUUID();
        UUID film = UUID.randomUUID();
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        elasticsearch.stop();
        Integer status;
        try {
            status = client.put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(ISSUER.token(user)))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("value", "LIKE"))
                    .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                    .block(Duration.ofSeconds(30));
        } finally {
            elasticsearch.start();
        }
        assertThat(status).isEqualTo(200);
        try (Events events = new Events()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(events.of(user)).extracting(Events.Event::type).isEqualTo(List.of("LIKED")));
        }
    }

    @Test
    void withMongoDownAReactionIsA503WithinSecondsAndIsSavedWhenTriedAgainOnceItIsBack(MongoServer mongoServer) {
        UUID user = UUID.randomUUID();
        UUID film = Catalog.film();
        long started = System.nanoTime();
        mongoServer.stop();
        try {
            react(user, film).expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("Retry-After", "5")
                    // unavailable when the command never reached MongoDB; outcome-unknown when it went down a connection
                    // MongoDB had closed and the answer never came (the driver cannot tell it was not applied)
                    .expectBody().jsonPath("$.type").value(String.class, type -> assertThat(type).isIn(
                            "https://cinema.dev/problems/storage-unavailable", "https://cinema.dev/problems/storage-outcome-unknown"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            mongoServer.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> react(user, film).expectStatus().isOk());
        try (Events events = new Events()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(events.of(user)).extracting(Events.Event::type).isEqualTo(List.of("LIKED")));
        }
    }

    private WebTestClient.ResponseSpec react(UUID user, UUID film) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build()
                .put().uri("/api/v1/reactions/{film}", film).headers(h -> h.setBearerAuth(ISSUER.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("value", "LIKE")).exchange();
    }
}
