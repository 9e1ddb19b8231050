package dev.cinema.recsys;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events of one viewer and film that arrive out of order (two ugc-service instances, a send tried
 * again): the state of the highest version stands, and the film's votes count it once. The last
 * event of each test is an in-order one, so that once it is applied the late one has been too.
 * (Closed after the class: two contexts at once would share the consumer group.)
 */
@RecsysIntegrationTest
@DirtiesContext
class EventOrderIT {

    @Autowired
    DatabaseClient db;

    @Test
    void aLateOlderDislikeDoesNotUndoANewerLike() {
        UUID viewer = UUID.randomUUID();
        UUID film = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, film, "LIKED", 2);
            events.send(viewer, film, "DISLIKED", 1);
            events.send(viewer, marker, "LIKED", 1);
        }
        awaitReaction(viewer, marker, 1);

        assertThat(reaction(viewer, film)).isEqualTo(1);
        assertThat(votes(film)).containsExactly(1, 0);
    }

    @Test
    void aRemovedReactionIsATombstoneThatALateOlderLikeDoesNotBringBack() {
        UUID viewer = UUID.randomUUID();
        UUID film = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, film, "LIKED", 1);
            events.send(viewer, film, "REACTION_REMOVED", 3);
            events.send(viewer, film, "DISLIKED", 2);
            events.send(viewer, marker, "LIKED", 1);
        }
        awaitReaction(viewer, marker, 1);

        assertThat(reaction(viewer, film)).isZero();
        assertThat(votes(film)).containsExactly(0, 0);
    }

    @Test
    void aLateOlderExclusionRemovalDoesNotUndoANewerExclusion() {
        UUID viewer = UUID.randomUUID();
        UUID film = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, film, "EXCLUDED", 1);
            events.send(viewer, film, "LIKED", 2);
            events.send(viewer, film, "EXCLUDED", 4);
            events.send(viewer, film, "EXCLUSION_REMOVED", 3);
            events.send(viewer, marker, "LIKED", 1);
        }
        awaitReaction(viewer, marker, 1);

        assertThat(excluded(viewer, film)).isTrue();
        assertThat(reaction(viewer, film)).as("the like (version 2) is not older than the exclusions").isEqualTo(1);
    }

    @Test
    void eventsWithoutAVersionAreAppliedAsTheyCome() {
        UUID viewer = UUID.randomUUID();
        UUID film = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, film, "LIKED", 5);
            events.send(viewer, film, "DISLIKED");
        }
        awaitReaction(viewer, film, -1);
        assertThat(votes(film)).containsExactly(0, 1);
    }

    private void awaitReaction(UUID viewer, UUID film, int reaction) {
        await().atMost(Duration.ofMinutes(1)).until(() -> reaction(viewer, film) == reaction);
    }

    private int reaction(UUID viewer, UUID film) {
        return db.sql("SELECT COALESCE(reaction, 0) AS reaction FROM user_film WHERE user_id = :user AND film_id = :film")
                .bind("user", viewer).bind("film", film).map(row -> row.get("reaction", Integer.class)).one()
                .defaultIfEmpty(0).block(Duration.ofSeconds(10));
    }

    private boolean excluded(UUID viewer, UUID film) {
        return Boolean.TRUE.equals(db.sql("SELECT excluded FROM user_film WHERE user_id = :user AND film_id = :film")
                .bind("user", viewer).bind("film", film).map(row -> row.get("excluded", Boolean.class)).one()
                .block(Duration.ofSeconds(10)));
    }

    private List<Integer> votes(UUID film) {
        return db.sql("SELECT likes, dislikes FROM film_votes WHERE film_id = :film").bind("film", film)
                .map(row -> List.of(row.get("likes", Integer.class), row.get("dislikes", Integer.class))).one()
                .defaultIfEmpty(List.of(0, 0)).block(Duration.ofSeconds(10));
    }
}
