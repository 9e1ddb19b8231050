package dev.cinema.recsys.profile;

import dev.cinema.recsys.Events;
import dev.cinema.recsys.RecsysIntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * recsys-service started before its events topic exists (Kafka reachable, ugc-service not yet up):
 * its consumer does not create the topic (with the broker's default partition count), and once
 * ugc-service creates it with its own count, events on every partition, the last among them, are
 * applied within a minute, not after Kafka's default metadata refresh of 5 minutes. (A topic of its
 * own; closed after the class.)
 */
@RecsysIntegrationTest
@TestPropertySource(properties = "recsys.events-topic=" + TopicCreatedLateIT.TOPIC)
@DirtiesContext
class TopicCreatedLateIT {

    static final String TOPIC = "ugc.reactions.created-late";
    private static final int PARTITIONS = 6;

    @Autowired
    DatabaseClient db;

    @Test
    void theConsumerLeavesTheTopicToUgcServiceAndReadsEveryPartitionItCreatedWithinAMinute() throws Exception {
        Map<String, Object> kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"));
        try (Admin admin = Admin.create(kafka)) {
            // the consumer has been asking for the topic since the context started
            Thread.sleep(3_000);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(TOPIC);

            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        UUID viewer = UUID.randomUUID();
        UUID film = UUID.randomUUID();
        try (Events events = new Events(TOPIC)) {
            events.send(PARTITIONS - 1, viewer, film, "LIKED");
        }

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> db
                .sql("SELECT count(*) AS n FROM user_film WHERE user_id = :viewer AND reaction = 1").bind("viewer", viewer)
                .map(row -> row.get("n", Long.class)).one().block() == 1);
    }
}
