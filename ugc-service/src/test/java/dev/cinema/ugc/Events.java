package dev.cinema.ugc;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads {@code ugc.reactions.v1} from the beginning, as a consumer of the platform would. */
final class Events implements AutoCloseable {

    record Event(String key, UUID eventId, UUID userId, UUID filmId, String type, Long version) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final KafkaConsumer<String, String> consumer;
    private final List<Event> seen = new ArrayList<>();

    Events() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of("ugc.reactions.v1"));
    }

    /** Everything read so far, after one more poll. */
    List<Event> poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            JsonNode value = JSON.readTree(record.value());
            seen.add(new Event(record.key(), UUID.fromString(value.get("eventId").asString()), UUID.fromString(value.get("userId").asString()),
                    UUID.fromString(value.get("filmId").asString()), value.get("type").asString(),
                    value.hasNonNull("version") ? value.get("version").asLong() : null));
        }
        return List.copyOf(seen);
    }

    List<Event> of(UUID user) {
        return poll().stream().filter(event -> event.userId().equals(user)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
