package dev.cinema.recsys.profile;

import dev.cinema.recsys.RecsysIntegrationTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
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
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(TOPIC, PARTITIONS - 1, viewer.toString(), """
                    {"eventId":"%s","userId":"%s","filmId":"%s","type":"LIKED","occurredAt":"%s"}"""
                    .formatted(UUID.randomUUID(), viewer, film, Instant.now()))).get(10, TimeUnit.SECONDS);
        }

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> db
                .sql("SELECT count(*) AS n FROM user_film WHERE user_id = :viewer AND reaction = 1").bind("viewer", viewer)
                .map(row -> row.get("n", Long.class)).one().block() == 1);
    }
}
