package dev.cinema.recsys;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Publishes events to {@code ugc.reactions.v1} (or another topic) as ugc-service does (key = user id, JSON value). */
public final class Events implements AutoCloseable {

    static final String TOPIC = "ugc.reactions.v1";

    /** The topic as ugc-service creates it (3 partitions here), unless it exists already. */
    static void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS")))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** A new viewer who has liked the film (the event sent): their id. */
    public static UUID newViewerWhoLiked(UUID film) {
        UUID viewer = UUID.randomUUID();
        try (Events events = new Events()) {
            events.send(viewer, film, "LIKED");
        }
        return viewer;
    }

    private final String topic;
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("KAFKA_BOOTSTRAP_SERVERS"),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

    public Events() {
        this(TOPIC);
    }

    public Events(String topic) {
        this.topic = topic;
    }

    /** Emits the event's id. */
    public UUID send(UUID user, UUID film, String type) {
        UUID eventId = UUID.randomUUID();
        send(user, eventId, film, type);
        return eventId;
    }

    void send(UUID user, UUID eventId, UUID film, String type) {
        raw(user, event(user, eventId, film, type));
    }

    /** To the given partition, not the key's. */
    public void send(int partition, UUID user, UUID film, String type) {
        publish(partition, user, event(user, UUID.randomUUID(), film, type));
    }

    private static String event(UUID user, UUID eventId, UUID film, String type) {
        return """
                {"eventId":"%s","userId":"%s","filmId":"%s","type":"%s","occurredAt":"%s"}""".formatted(eventId, user, film, type, Instant.now());
    }

    /** As ugc-service sends it: with the version of the viewer's document for the film that the change made. */
    void send(UUID user, UUID film, String type, long version) {
        raw(user, """
                {"eventId":"%s","userId":"%s","filmId":"%s","type":"%s","occurredAt":"%s","version":%d}"""
                .formatted(UUID.randomUUID(), user, film, type, Instant.now(), version));
    }

    void raw(UUID user, String value) {
        publish(null, user, value);
    }

    private void publish(Integer partition, UUID user, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, user.toString(), value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a test event", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
