package dev.cinema.recsys;

import dev.cinema.infra.PostgresServer;
import dev.cinema.security.TestJwtIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No event is committed without being applied: not while recsys-service's PostgreSQL is down, and
 * not when an event can never be applied (it is kept in the dead-letter topic, and can be replayed).
 * (Closed after the class: two contexts at once would share the consumer group.)
 */
@RecsysIntegrationTest
@DirtiesContext
class EventsNotLostIT {

    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();
    private static final String DEAD_LETTERS = Events.TOPIC + ".dlt";

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @Test
    void likesThatArriveWhilePostgresIsDownAreAllAppliedOnceItIsBackAndNoneTwice(PostgresServer postgres) throws Exception {
        List<UUID> viewers = new ArrayList<>();
        List<UUID> films = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            viewers.add(UUID.randomUUID());
        }
        for (int i = 0; i < 20; i++) {
            films.add(UUID.randomUUID());
        }
        double failuresBefore = failedBatches();

        postgres.stop();
        try {
            try (Events events = new Events()) {
                for (UUID viewer : viewers) {
                    for (UUID film : films) {
                        events.send(viewer, film, "LIKED");
                    }
                }
            }
            // The consumer has met the outage, tried again, and still committed none of the 2,000.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> failedBatches() >= failuresBefore + 2);
            assertThat(uncommittedEvents()).as("events consumed but not committed while PostgreSQL is down")
                    .isGreaterThanOrEqualTo(2_000);
        } finally {
            postgres.start();
        }

        String ours = viewers.stream().map(viewer -> "'" + viewer + "'").collect(Collectors.joining(","));
        String ourFilms = films.stream().map(film -> "'" + film + "'").collect(Collectors.joining(","));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(number("SELECT count(*) FROM user_film WHERE reaction = 1 AND user_id IN (" + ours + ")")).isEqualTo(2_000));
        assertThat(number("SELECT COALESCE(sum(likes), 0) FROM film_votes WHERE film_id IN (" + ourFilms + ")"))
                .as("each like counted once in its film's votes").isEqualTo(2_000);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> uncommittedEvents() == 0);
    }

    @Test
    void anEventThatCanNeverBeAppliedIsKeptAsADeadLetterAndTheNextOnesAreApplied() throws Exception {
        UUID viewer = UUID.randomUUID();
        UUID film = UUID.randomUUID();
        String unreadable = "{\"eventId\": not json " + UUID.randomUUID();
        try (Events events = new Events()) {
            events.raw(viewer, unreadable);
            events.send(viewer, film, "LIKED");
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(number("SELECT count(*) FROM user_film WHERE reaction = 1 AND user_id = '" + viewer + "'")).isEqualTo(1));
        List<ConsumerRecord<String, String>> letters = deadLettersWith(unreadable, 1);
        assertThat(letters).hasSize(1);
        assertThat(letters.getFirst().key()).isEqualTo(viewer.toString());
        assertThat(header(letters.getFirst(), "kafka_dlt-original-topic")).isEqualTo(Events.TOPIC);
        assertThat(header(letters.getFirst(), "kafka_dlt-exception-message")).startsWith("unreadable");
    }

    @Test
    void theDeadLetterTopicKeepsItsLettersAsLongAsTheRetentionOfEventIdsCountsOn() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS")))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, DEAD_LETTERS);
            Config config = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);
            ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
            // the topic's own setting, not the broker's default of the same 7 days
            assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(retention.value()).as("recsys.retention.dead-letter-retention, 7 days").isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
        }
    }

    @Test
    void anAdministratorPutsTheDeadLettersBackOnTheirTopic() throws Exception {
        UUID viewer = UUID.randomUUID();
        String incomplete = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + viewer + "\"}";
        try (Events events = new Events()) {
            events.raw(viewer, incomplete);
        }
        assertThat(deadLettersWith(incomplete, 1)).hasSize(1);

        client.post().uri("/api/v1/admin/dead-letters/replay").header("Authorization", "Bearer " + ISSUER.token(UUID.randomUUID()))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/admin/dead-letters/replay").header("Authorization", "Bearer " + ISSUER.token(UUID.randomUUID(), "ADMIN"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.replayed").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1));

        // Back on the events topic, still incomplete: kept again, a second letter.
        assertThat(deadLettersWith(incomplete, 2)).hasSize(2);
    }

    private double failedBatches() {
        return meters.get("recsys.event.batch.failures").counter().count();
    }

    private long number(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    /** The events on the topic that recsys-service's consumer group has not committed. */
    private static long uncommittedEvents() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS")))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("recsys-service")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Events.TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Events.TOPIC).partitions().stream()
                    .collect(Collectors.toMap(partition -> new TopicPartition(Events.TOPIC, partition.partition()), partition -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            // A partition the group never committed is read from its start (offset 0: nothing is deleted here).
            return ends.entrySet().stream().mapToLong(end -> end.getValue().offset()
                    - (committed.get(end.getKey()) == null ? 0 : committed.get(end.getKey()).offset())).sum();
        }
    }

    /** Waits until the dead-letter topic holds {@code count} letters with this value; returns them. */
    private static List<ConsumerRecord<String, String>> deadLettersWith(String value, int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(record.value())) {
                        found.add(record);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
