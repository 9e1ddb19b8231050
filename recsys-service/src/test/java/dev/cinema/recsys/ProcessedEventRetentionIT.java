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
        UUID liked = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, eventId, liked, "LIKED");
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> votes(liked, "likes") == 1);
        // applied a day short of the retention ago; beside it, ids the next pass prunes (so that it surely ran)
        db.sql("UPDATE processed_event SET processed_at = now() - interval '29 days' WHERE event_id = :id").bind("id", eventId)
                .fetch().rowsUpdated().block();
        List<UUID> old = appliedAgo(Duration.ofDays(31), 5);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> stored(old) == 0);

        UUID disliked = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, eventId, liked, "LIKED");
            // the viewer's key, so the same partition: applied after the redelivered event was read
            events.send(viewer, disliked, "DISLIKED");
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> votes(disliked, "dislikes") == 1);
        assertThat(votes(liked, "likes")).as("likes of the film liked once, its event delivered twice").isEqualTo(1);
        assertThat(stored(List.of(eventId))).isOne();
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

    private int votes(UUID film, String column) {
        return db.sql("SELECT " + column + " AS n FROM film_votes WHERE film_id = :film").bind("film", film)
                .map(row -> row.get("n", Integer.class)).one().blockOptional().orElse(0);
    }

    private double pruned() {
        return meters.get("recsys.retention.pruned").tag("table", "processed_event").counter().count();
    }
}
