package dev.cinema.recsys.profile;

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
 * transaction, and its offsets are committed only after it (a failed batch is delivered again and
 * the events already applied are skipped). An event that cannot be read is logged and skipped, so
 * it never blocks its partition. The lag from the viewer's press to the profile is a metric.
 */
@Component
@Profile("!eval")
class ReactionEventListener {

    private static final Logger log = LoggerFactory.getLogger(ReactionEventListener.class);
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);

    private final Profiles profiles;
    private final JsonMapper json;
    private final Timer lag;

    ReactionEventListener(Profiles profiles, JsonMapper json, MeterRegistry meters) {
        this.profiles = profiles;
        this.json = json;
        this.lag = Timer.builder("recsys.event.lag").description("from the viewer's press to the applied profile")
                .publishPercentiles(0.5, 0.95, 0.99).register(meters);
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
        Integer applied = profiles.apply(events).block(BATCH_TIMEOUT);
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
            log.warn("skipping unreadable event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getOriginalMessage());
            return null;
        }
        log.warn("skipping incomplete event at {}-{}@{}", record.topic(), record.partition(), record.offset());
        return null;
    }
}
