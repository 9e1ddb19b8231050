package dev.cinema.recsys;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Publishes events to {@code ugc.reactions.v1} as ugc-service does (key = user id, JSON value). */
final class Events implements AutoCloseable {

    static final String TOPIC = "ugc.reactions.v1";

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

    /** Emits the event's id. */
    UUID send(UUID user, UUID film, String type) {
        UUID eventId = UUID.randomUUID();
        send(user, eventId, film, type);
        return eventId;
    }

    void send(UUID user, UUID eventId, UUID film, String type) {
        raw(user, """
                {"eventId":"%s","userId":"%s","filmId":"%s","type":"%s","occurredAt":"%s"}""".formatted(eventId, user, film, type, Instant.now()));
    }

    void raw(UUID user, String value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, user.toString(), value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a test event", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
