package dev.cinema.recsys.collaborative;

import dev.cinema.recsys.RecsysIntegrationTest;
import dev.cinema.recsys.TestCatalog;
import dev.cinema.recsys.catalog.Catalog;
import dev.cinema.recsys.model.FilmFactors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The films the serving model cannot know, read from the catalog: while Elasticsearch refuses
 * reads the last good read stands in for the one that fails, and once it answers again a new read
 * finds the films indexed since. (Its own {@link ColdFilms}, reading again every second, over the
 * context's catalog; the reads refused by an index block, the same failure as a stopped server to
 * ColdFilms, without the 20 s of a restart. Closed after the class: a context left running would
 * share the consumer group and the due viewers with the next class's.)
 */
@RecsysIntegrationTest
@DirtiesContext
class ColdFilmsIT {

    private static final Duration READ_EVERY = Duration.ofSeconds(1);

    @Autowired
    Catalog catalog;

    @Test
    void whileElasticsearchRefusesReadsTheLastGoodReadIsSearchedAndAReadAfterwardsFindsNewFilms() throws InterruptedException {
        UUID rublev = TestCatalog.film("Andrei Rublev", 8.1, 200, 201, 0.0);
        UUID sacrifice = TestCatalog.film("The Sacrifice", 7.9, 200, 201, 0.2);
        ServingModel serving = new ServingModel();
        // a model that knows a film outside the catalog only: every catalog film is cold to it
        serving.serve(new ServingModel.Loaded(1, Instant.now(),
                FilmFactors.of(2, 0.1, 1.0, List.of(UUID.randomUUID()), List.of(new float[]{1f, 0f})), 0.1));
        ColdFilms cold = new ColdFilms(catalog, serving, READ_EVERY);
        float[] query = TestCatalog.vector(200, 201, 0.0);
        assertThat(nearestTwo(cold, query)).containsExactly(rublev, sacrifice);

        TestCatalog.refuseReads(true);
        try {
            Thread.sleep(READ_EVERY.multipliedBy(2).toMillis());
            // the read kept for a second has run out, and reading again fails
            assertThat(nearestTwo(cold, query)).containsExactly(rublev, sacrifice);
        } finally {
            TestCatalog.refuseReads(false);
        }

        UUID steamroller = TestCatalog.film("The Steamroller and the Violin", 7.2, 200, 201, 0.1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(nearestTwo(cold, query)).containsExactly(rublev, steamroller));
    }

    private static List<UUID> nearestTwo(ColdFilms cold, float[] query) {
        return cold.nearest(query, Set.of(), 2).block(Duration.ofSeconds(30)).stream().map(ColdFilms.Near::film).toList();
    }
}
