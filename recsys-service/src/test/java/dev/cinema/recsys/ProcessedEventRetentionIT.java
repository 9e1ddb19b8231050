package dev.cinema.recsys;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ids of applied events are pruned in the background once older than the retention (30 days
 * by default), and a redelivered event whose id is younger is still skipped.
 * (Closed after the class: two contexts at once would share the consumer group.)
 */
@RecsysIntegrationTest
@DirtiesContext
class ProcessedEventRetentionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @Test
    void idsAppliedLongerAgoThanTheRetentionArePrunedBatchAfterBatchAndYoungerOnesKept() {
        double prunedBefore = pruned();
        // more than two of the test's batches (100): the pass goes on while its statements find a full batch
        List<UUID> old = appliedAgo(Duration.ofDays(31), 250);
        List<UUID> young = appliedAgo(Duration.ofDays(29), 20);

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> stored(old) == 0);
        assertThat(stored(young)).isEqualTo(20);
        assertThat(pruned() - prunedBefore).isGreaterThanOrEqualTo(250);
    }

    @Test
    void aRecentEventDeliveredAgainAfterAPruneIsStillSkipped() {
        UUID viewer = UUID.randomUUID();
        UUID film = UUID.randomUUID();
        UUID like = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, like, film, "LIKED");
            events.send(viewer, film, "REACTION_REMOVED");
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> reaction(viewer, film).equals("none"));
        // the like applied a day short of the retention ago; beside it, ids the next pass prunes (so that it surely ran)
        db.sql("UPDATE processed_event SET processed_at = now() - interval '29 days' WHERE event_id = :id").bind("id", like)
                .fetch().rowsUpdated().block();
        List<UUID> old = appliedAgo(Duration.ofDays(31), 5);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> stored(old) == 0);

        UUID disliked = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, like, film, "LIKED");
            // the viewer's key, so the same partition: applied after the redelivered like was read
            events.send(viewer, disliked, "DISLIKED");
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> reaction(viewer, disliked).equals("-1"));
        // applied again, the old like would bring back the like the viewer removed since
        assertThat(reaction(viewer, film)).isEqualTo("none");
        assertThat(likes(film)).isZero();
        assertThat(stored(List.of(like))).isOne();
    }

    private List<UUID> appliedAgo(Duration age, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        db.sql("INSERT INTO processed_event (event_id, processed_at) SELECT unnest(:ids), now() - make_interval(secs => :seconds)")
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("seconds", (double) age.toSeconds())
                .fetch().rowsUpdated().block();
        return ids;
    }

    private long stored(List<UUID> ids) {
        return db.sql("SELECT count(*) AS n FROM processed_event WHERE event_id = ANY(:ids)").bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("n", Long.class)).one().block();
    }

    /** The viewer's reaction to the film as stored: 1, -1, none, or absent when no event of theirs about it was applied. */
    private String reaction(UUID viewer, UUID film) {
        return db.sql("SELECT coalesce(reaction::text, 'none') AS reaction FROM user_film WHERE user_id = :viewer AND film_id = :film")
                .bind("viewer", viewer).bind("film", film)
                .map(row -> row.get("reaction", String.class)).one().blockOptional().orElse("absent");
    }

    private int likes(UUID film) {
        return db.sql("SELECT likes FROM film_votes WHERE film_id = :film").bind("film", film)
                .map(row -> row.get("likes", Integer.class)).one().blockOptional().orElse(0);
    }

    private double pruned() {
        return meters.get("recsys.retention.pruned").tag("table", "processed_event").counter().count();
    }
}
