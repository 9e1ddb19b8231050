package dev.cinema.recsys;

import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** (Closed after the class: two contexts at once would share the consumer group and the due viewers.) */
@RecsysIntegrationTest
@DirtiesContext
class RecommendationsIT {

    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private WebTestClient.BodyContentSpec recommendationsOf(UUID user) {
        return ViewerRecommendations.of(client, user);
    }

    @Test
    void likesBecomeSimilarAndCoLikedRecommendationsAndADislikeHidesAFilm() {
        UUID alien = TestCatalog.film("Alien", 8.5, 10, 11, 0.0);
        UUID aliens = TestCatalog.film("Aliens", 8.4, 10, 11, 0.1);
        UUID prometheus = TestCatalog.film("Prometheus", 7.0, 10, 11, 0.4);
        UUID amelie = TestCatalog.film("Amélie", 8.3, 20, 21, 0.0);
        UUID viewer = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(other, alien, "LIKED");
            events.send(other, amelie, "LIKED");
            events.send(viewer, alien, "LIKED");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> recommendationsOf(viewer)
                // the crowd weighs more than the text: the co-liked film comes first
                .jsonPath("$.items[0].filmId").isEqualTo(amelie.toString())
                .jsonPath("$.items[0].reason").isEqualTo("viewers who liked Alien liked it too")
                .jsonPath("$.items[?(@.filmId == '" + aliens + "')].source").isEqualTo(List.of("similar"))
                .jsonPath("$.items[?(@.filmId == '" + aliens + "')].reason").isEqualTo(List.of("because you liked Alien"))
                .jsonPath("$.items[*].filmId").value(not(hasItem(alien.toString()))));

        try (Events events = new Events()) {
            events.send(viewer, aliens, "DISLIKED");
            events.send(viewer, prometheus, "EXCLUDED");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> recommendationsOf(viewer)
                .jsonPath("$.items[*].filmId").value(not(hasItem(aliens.toString())))
                .jsonPath("$.items[*].filmId").value(not(hasItem(prometheus.toString())))
                .jsonPath("$.hiddenFilmIds[*]").value(org.hamcrest.Matchers.containsInAnyOrder(alien.toString(), aliens.toString(), prometheus.toString())));
    }

    @Test
    void viewersDueTogetherBeyondARoundAreAllRefreshedAndNoneFails() {
        UUID rublev = TestCatalog.film("Andrei Rublev", 8.1, 150, 151, 0.0);
        UUID sacrifice = TestCatalog.film("The Sacrifice", 8.0, 150, 151, 0.1);
        double failedBefore = meters.counter("recsys.refresh", "result", "failed").count();
        List<UUID> viewers = java.util.stream.Stream.generate(UUID::randomUUID).limit(500).toList();
        try (Events events = new Events()) {
            viewers.forEach(viewer -> events.send(viewer, rublev, "LIKED"));
        }

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> db.sql("""
                        SELECT count(*) AS n FROM recommendation WHERE film_id = :sacrifice AND user_id = ANY(:viewers)""")
                .bind("sacrifice", sacrifice).bind("viewers", viewers.toArray(UUID[]::new))
                .map(row -> row.get("n", Long.class)).one().block() == viewers.size());
        assertThat(meters.counter("recsys.refresh", "result", "failed").count()).isEqualTo(failedBefore);
    }

    @Test
    void votesWhoseWriteElasticsearchRefusedAreWrittenAtALaterPass() {
        UUID film = TestCatalog.film("Solaris", 8.0, 40, 41, 0.0);
        // A film already ranked: only its changed votes can bring it to a later pass.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> TestCatalog.document(film).get("popularity") != null);
        double refusedBefore = meters.get("recsys.popularity.refused").counter().count();

        TestCatalog.refuseWrites(true);
        try {
            try (Events events = new Events()) {
                events.send(UUID.randomUUID(), film, "LIKED");
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> meters.get("recsys.popularity.refused").counter().count() > refusedBefore);
        } finally {
            TestCatalog.refuseWrites(false);
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(TestCatalog.document(film).get("likes")).isEqualTo(1));
    }

    @Test
    void aRefreshThatFailedWhileElasticsearchRefusedReadsIsTriedAgainSoonNotWhenItsLeaseRunsOut() {
        UUID samourai = TestCatalog.film("Le Samouraï", 7.9, 90, 91, 0.0);
        UUID ronin = TestCatalog.film("Ronin", 7.2, 90, 91, 0.1);
        UUID viewer = UUID.randomUUID();
        double failedBefore = meters.counter("recsys.refresh", "result", "failed").count();
        // (refused by an index block: the same failure to the refresh as a stopped server, without the 20 s of a restart)
        TestCatalog.refuseReads(true);
        try {
            try (Events events = new Events()) {
                events.send(viewer, samourai, "LIKED");
            }
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                    .until(() -> meters.counter("recsys.refresh", "result", "failed").count() > failedBefore);
        } finally {
            TestCatalog.refuseReads(false);
        }
        // The lease is 5 minutes: a refresh within 2 shows the failed one was given back.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> recommendationsOf(viewer)
                .jsonPath("$.items[*].filmId").value(hasItem(ronin.toString())));
    }

    @Test
    void moreLikeThisRecommendsAroundTheSeedAtOnce() {
        UUID seed = TestCatalog.film("Heat", 8.3, 30, 31, 0.0);
        UUID near = TestCatalog.film("Collateral", 7.5, 30, 31, 0.2);
        UUID viewer = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, seed, "MORE_LIKE_THIS");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> recommendationsOf(viewer)
                .jsonPath("$.items[0].filmId").isEqualTo(near.toString())
                .jsonPath("$.items[0].reason").isEqualTo("more like Heat"));
    }

    @Test
    void anEventDeliveredTwiceCountsOnceAndAnUnreadableOneIsSkipped() {
        UUID film = TestCatalog.film("The Thing", 8.2, 40, 41, 0.0);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (Events events = new Events()) {
            UUID eventId = UUID.randomUUID();
            events.send(first, eventId, film, "LIKED");
            events.send(first, eventId, film, "LIKED");
            events.raw(second, "this is not an event");
            events.raw(second, "{\"eventId\": \"" + UUID.randomUUID() + "\"}");
            events.send(second, film, "DISLIKED");
        }
        // The votes reach the film's document with its popularity (the ranking's score: likes, less a like per
        // dislike, plus the IMDb rating 8.2 as 25 x 0.82 likes).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Map<?, ?> document = TestCatalog.document(film);
            assertThat(document.get("likes")).isEqualTo(1);
            assertThat(document.get("dislikes")).isEqualTo(1);
            assertThat(document.get("popularity")).isInstanceOfSatisfying(Number.class, popularity ->
                    assertThat(popularity.doubleValue()).isCloseTo(1 - 1 + 25 * 0.82, org.assertj.core.data.Offset.offset(1e-4)));
        });
    }

    @Test
    void filmsWithoutVotesGetTheirRatingAsPopularity() {
        // 8.0 of 10 is worth 0.8 of the 25 likes a 10/10 is
        UUID film = TestCatalog.film("Solaris", 8.0, 50, 51, 0.0);
        // (a popularity not written yet is a failed assertion, retried; not a NullPointerException that ends the wait)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(TestCatalog.document(film).get("popularity")).isInstanceOfSatisfying(Number.class, popularity ->
                        assertThat(popularity.doubleValue()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-4))));
    }

    @Test
    void aViewerClaimedByAnInstanceThatWentSilentIsRefreshedWithoutWaitingForTheLease() {
        UUID viewer = refreshedViewerWhoLiked(TestCatalog.film("Ivan's Childhood", 8.1, 60, 61, 0.0));
        UUID killed = UUID.randomUUID();
        db.sql("INSERT INTO refresh_instance (id, alive_at) VALUES (:killed, now() - interval '1 minute')").bind("killed", killed).then().block();
        // as the killed instance left it: claimed, under a lease of minutes, its refresh never finished
        db.sql("UPDATE user_refresh SET claimed_by = :killed, due_at = now() + interval '5 minutes', refreshed_at = NULL WHERE user_id = :viewer")
                .bind("killed", killed).bind("viewer", viewer).then().block();

        // beats every 5 s (a sixth of the 30 s silence): the first after the claim gives the viewer back
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> refreshedAt(viewer) != null);
        assertThat(db.sql("SELECT count(*) AS n FROM refresh_instance WHERE id = :killed").bind("killed", killed)
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
        assertThat(db.sql("SELECT count(*) AS n FROM user_refresh WHERE user_id = :viewer AND claimed_by IS NULL").bind("viewer", viewer)
                .map(row -> row.get("n", Long.class)).one().block()).isOne();
    }

    @Test
    void aViewerDueAgainDuringItsRefreshIsLeftToTheInstanceRefreshingItUntilTheLeaseRunsOut() {
        UUID viewer = refreshedViewerWhoLiked(TestCatalog.film("Nostalghia", 8.0, 70, 71, 0.0));
        UUID busy = UUID.randomUUID();
        db.sql("INSERT INTO refresh_instance (id, alive_at) VALUES (:busy, now() + interval '1 hour')").bind("busy", busy).then().block();
        // another instance is refreshing the viewer, and an event has made the viewer due again meanwhile
        db.sql("UPDATE user_refresh SET claimed_by = :busy, claimed_at = now(), due_at = now() - interval '1 second', refreshed_at = NULL "
                        + "WHERE user_id = :viewer")
                .bind("busy", busy).bind("viewer", viewer).then().block();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> refreshedAt(viewer) == null);

        db.sql("UPDATE user_refresh SET claimed_at = now() - interval '6 minutes' WHERE user_id = :viewer").bind("viewer", viewer).then().block();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> refreshedAt(viewer) != null);
        db.sql("DELETE FROM refresh_instance WHERE id = :busy").bind("busy", busy).then().block();
    }

    /** A new viewer who liked the film, once refreshed. */
    private UUID refreshedViewerWhoLiked(UUID film) {
        UUID viewer = Events.newViewerWhoLiked(film);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> refreshedAt(viewer) != null);
        return viewer;
    }

    private OffsetDateTime refreshedAt(UUID viewer) {
        return db.sql("SELECT refreshed_at FROM user_refresh WHERE user_id = :viewer").bind("viewer", viewer)
                .map(row -> Optional.ofNullable(row.get("refreshed_at", OffsetDateTime.class))).one()
                .blockOptional().flatMap(refreshed -> refreshed).orElse(null);
    }

    @Test
    void onlyAnAdministratorAsksForAnotherViewersRefresh() {
        UUID viewer = UUID.randomUUID();
        client.post().uri("/api/v1/admin/recommendations/{user}/refresh", viewer)
                .header("Authorization", "Bearer " + ISSUER.token(UUID.randomUUID())).exchange()
                .expectStatus().isForbidden();
        client.post().uri("/api/v1/admin/recommendations/{user}/refresh", viewer)
                .header("Authorization", "Bearer " + ISSUER.token(UUID.randomUUID(), "ADMIN")).exchange()
                .expectStatus().isAccepted();
        client.get().uri("/api/v1/recommendations/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theMetricsAreOnTheManagementPortNotOnTheServicesOne(@LocalManagementPort int managementPort) {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        management.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/metrics/recsys.refresh").exchange().expectStatus().isOk();

        for (String path : new String[] {"/actuator/health", "/actuator/metrics", "/actuator/metrics/recsys.refresh"}) {
            client.get().uri(path).exchange().expectStatus().isUnauthorized();
            client.get().uri(path).header("Authorization", "Bearer " + ISSUER.token(UUID.randomUUID(), "ADMIN")).exchange()
                    .expectStatus().isNotFound();
        }
    }
}
