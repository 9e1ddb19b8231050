package dev.cinema.recsys.profile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes ugc-service's reaction events in the consumer group: a batch is applied in one
 * transaction, and its offsets are committed only after it. A batch that fails (PostgreSQL down)
 * is tried again until it is applied, the consumer paused meanwhile ({@link EventConsumerConfig}),
 * and the events already applied are skipped by their id. An event that can never be applied goes
 * to the dead-letter topic ({@link DeadLetters}), so it never blocks its partition. The lag from the
 * viewer's press to the profile is a metric.
 */
@Component
@Profile("!eval")
class ReactionEventListener {

    private static final Logger log = LoggerFactory.getLogger(ReactionEventListener.class);
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);

    private final Profiles profiles;
    private final DeadLetters deadLetters;
    private final JsonMapper json;
    private final Timer lag;
    private final Counter failedBatches;

    ReactionEventListener(Profiles profiles, DeadLetters deadLetters, JsonMapper json, MeterRegistry meters) {
        this.profiles = profiles;
        this.deadLetters = deadLetters;
        this.json = json;
        this.lag = Timer.builder("recsys.event.lag").description("from the viewer's press to the applied profile")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
        this.failedBatches = Counter.builder("recsys.event.batch.failures")
                .description("batches that could not be applied and are tried again").register(meters);
    }

    @KafkaListener(topics = "${recsys.events-topic}")
    void onEvents(List<ConsumerRecord<String, String>> records) {
        List<ReactionEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            ReactionEvent event = read(record);
            if (event != null) {
                events.add(event);
            }
        }
        Integer applied;
        try {
            applied = profiles.apply(events).block(BATCH_TIMEOUT);
        } catch (RuntimeException e) {
            failedBatches.increment();
            throw e;
        }
        Instant now = Instant.now();
        events.forEach(event -> lag.record(Duration.between(event.occurredAt(), now)));
        log.debug("{} events, {} new", events.size(), applied);
    }

    private ReactionEvent read(ConsumerRecord<String, String> record) {
        try {
            ReactionEvent event = json.readValue(record.value(), ReactionEvent.class);
            if (event != null && event.complete()) {
                return event;
            }
        } catch (JacksonException e) {
            deadLetters.keep(record, "unreadable: " + e.getOriginalMessage());
            return null;
        }
        deadLetters.keep(record, "incomplete: a field is missing");
        return null;
    }
}
