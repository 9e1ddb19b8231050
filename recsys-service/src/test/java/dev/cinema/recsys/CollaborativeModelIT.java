package dev.cinema.recsys;

import dev.cinema.recsys.collaborative.ModelLoader;
import dev.cinema.recsys.collaborative.ServingModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Serving from the collaborative model recsys-training writes: the serving model is read whole,
 * only when complete and sound, and a viewer's recommendations come from it, each with the liked
 * film it follows from. (Closed after the class: its model would be another class's.)
 */
@RecsysIntegrationTest
@TestPropertySource(properties = "recsys.model.reload=1s")
@DirtiesContext
class CollaborativeModelIT {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @Autowired
    ModelLoader loader;

    @Autowired
    ServingModel serving;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    @AfterEach
    void noModel() {
        db.sql("TRUNCATE model CASCADE").then().block();
    }

    @Test
    void aViewersRecommendationsComeFromTheModelWithTheLikeEachFollowsFrom() {
        // in the content vectors these four are alike; in the model's taste only the first two are
        UUID gattaca = TestCatalog.film("Gattaca", 7.8, 50, 51, 0.0);
        UUID moon = TestCatalog.film("Moon", 7.8, 50, 51, 0.1);
        UUID contact = TestCatalog.film("Contact", 7.5, 50, 51, 0.2);
        UUID sunshine = TestCatalog.film("Sunshine", 7.2, 50, 51, 0.3);
        long version = model("serving", Map.of(gattaca, new Float[]{1f, 0f}, moon, new Float[]{0.9f, 0.1f},
                contact, new Float[]{0f, 1f}, sunshine, new Float[]{0.1f, 0.9f}));
        assertThat(loader.reload().block()).extracting(ServingModel.Loaded::version).isEqualTo(version);
        UUID viewer = UUID.randomUUID();

        try (Events events = new Events()) {
            events.send(viewer, gattaca, "LIKED");
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> ViewerRecommendations.of(client, viewer)
                .jsonPath("$.items[0].filmId").isEqualTo(moon.toString())
                .jsonPath("$.items[0].reason").isEqualTo("viewers who liked Gattaca liked it too"));
    }

    @Test
    void aFilmTheModelCannotKnowIsRecommendedByItsContentAndAKnownFilmNeverByIt() {
        // the model knows Alien and Aliens (far apart in content); Prometheus was indexed after its
        // training, and only its content, near Alien's, can bring it
        UUID alien = TestCatalog.film("Alien", 8.5, 140, 141, 0.0);
        UUID aliens = TestCatalog.film("Aliens", 8.4, 140, 141, 0.9);
        UUID prometheus = TestCatalog.film("Prometheus", 7.0, 140, 141, 0.05);
        long version = model("serving", Map.of(alien, new Float[]{1f, 0f}, aliens, new Float[]{0.9f, 0.1f}));
        assertThat(loader.reload().block()).extracting(ServingModel.Loaded::version).isEqualTo(version);
        UUID viewer = UUID.randomUUID();

        try (Events events = new Events()) {
            events.send(viewer, alien, "LIKED");
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> ViewerRecommendations.of(client, viewer)
                .jsonPath("$.items[0].filmId").isEqualTo(aliens.toString())
                .jsonPath("$.items[0].reason").isEqualTo("viewers who liked Alien liked it too")
                .jsonPath("$.items[1].filmId").isEqualTo(prometheus.toString())
                .jsonPath("$.items[1].reason").isEqualTo("because you liked Alien")
                .jsonPath("$.items[?(@.filmId == '%s')]".formatted(alien)).doesNotExist());
    }

    @Test
    void moreLikeThisTakesTheSeedsNeighboursInTheModel() {
        // by content Solaris is nearest to Contact; in the model's taste Arrival is
        UUID contact = TestCatalog.film("Contact", 7.5, 100, 101, 0.2);
        UUID solaris = TestCatalog.film("Solaris", 7.5, 100, 101, 0.21);
        UUID arrival = TestCatalog.film("Arrival", 7.5, 100, 101, 0.4);
        UUID alien = TestCatalog.film("Alien", 7.5, 100, 101, 0.6);
        long version = model("serving", Map.of(contact, new Float[]{0f, 1f}, solaris, new Float[]{1f, 0f},
                arrival, new Float[]{0.1f, 0.9f}, alien, new Float[]{0.9f, 0.1f}));
        assertThat(loader.reload().block()).extracting(ServingModel.Loaded::version).isEqualTo(version);
        UUID viewer = UUID.randomUUID();

        try (Events events = new Events()) {
            events.send(viewer, contact, "MORE_LIKE_THIS");
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> ViewerRecommendations.of(client, viewer)
                .jsonPath("$.items[0].filmId").isEqualTo(arrival.toString())
                .jsonPath("$.items[0].reason").isEqualTo("viewers who liked Contact liked it too"));
    }

    @Test
    void aModelThatFailsItsChecksIsNotLoadedAndTheOneInMemoryStays() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        long sound = model("serving", Map.of(first, new Float[]{1f, 0f}, second, new Float[]{0f, 1f}));
        loader.reload().block();
        double failuresBefore = meters.get("recsys.model.load.failures").counter().count();
        db.sql("UPDATE model SET state = 'retired' WHERE version = :version").bind("version", sound).then().block();
        model("serving", Map.of(first, new Float[]{1f, 0f}, second, new Float[]{0f, 1f, 0.5f}));

        assertThatThrownBy(() -> loader.reload().block()).hasMessageContaining("has 3 factors, not 2");
        assertThat(serving.current()).get().extracting(ServingModel.Loaded::version).isEqualTo(sound);
        // the loop counts what reload() threw: the next pass, within a second in this test's settings
        await().atMost(Duration.ofSeconds(30)).until(() -> meters.get("recsys.model.load.failures").counter().count() > failuresBefore);
    }

    @Test
    void aModelStillBeingWrittenIsNeverLoaded() {
        model("writing", Map.of(UUID.randomUUID(), new Float[]{1f, 0f}));

        assertThat(loader.reload().blockOptional()).isEmpty();
    }

    /**
     * A model of rank 2 with these films' factors, put in this state last, as the training job does
     * (the loader polls meanwhile); returns its version.
     */
    private long model(String state, Map<UUID, Float[]> factors) {
        long version = db.sql("""
                        INSERT INTO model (rank, regularization, alpha, iterations, viewers, films, verdicts, validation_ndcg,
                                           validation_low, validation_high, validation_viewers)
                        VALUES (2, 0.1, 10, 10, 1, :films, 1, 0.1, 0.05, 0.15, 1) RETURNING version""")
                .bind("films", factors.size())
                .map(row -> row.get("version", Long.class)).one().block();
        factors.forEach((film, vector) -> db.sql("INSERT INTO model_film_factor (version, film_id, factors) VALUES (:version, :film, :factors)")
                .bind("version", version).bind("film", film).bind("factors", vector).then().block());
        db.sql("UPDATE model SET state = :state WHERE version = :version").bind("state", state).bind("version", version).then().block();
        return version;
    }
}
