package dev.cinema.recsys.retention;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long the ids of applied events ({@code processed_event}) are kept, by which a redelivered
 * event is skipped, and how they are pruned.
 * <p>
 * The rule, checked at start: an id is kept longer than {@code eventsTopicRetention} plus
 * {@code deadLetterRetention}. A copy of an event can come again as long as Kafka holds one: the
 * events topic is read again from its start when the consumer group's offsets are lost (Kafka
 * forgets those of a group empty for {@code offsets.retention.minutes}, 7 days), and a dead letter
 * put back by {@code DeadLetterReplay} can be put back again while the dead-letter topic still
 * holds it (the replay group's offsets lost the same way), after which its new copy stays on the
 * events topic for that topic's retention. An id pruned sooner lets such a copy be applied a second
 * time: an event without a version then undoes what the viewer did since (a removed like is back, and
 * counted in the film's votes).
 *
 * @param processedEvent       an applied event's id is kept this long after it was applied
 *                             ({@code RECSYS_PROCESSED_EVENT_RETENTION}, 30 days)
 * @param eventsTopicRetention how long Kafka keeps an event on the events topic: the topic's
 *                             {@code retention.ms}, or the broker's {@code log.retention.hours} when
 *                             the topic has none (168 h in embedded-infra's {@code KafkaServer}, the
 *                             default of Kafka in {@code deploy/docker-compose.yml};
 *                             {@code RECSYS_EVENTS_TOPIC_RETENTION}, 7 days)
 * @param deadLetterRetention  how long Kafka keeps a letter on {@code <topic>.dlt}, so the longest a
 *                             letter waits for a replay (the topic's {@code retention.ms}, declared
 *                             so by {@code profile.DeadLetterTopic};
 *                             {@code RECSYS_DEAD_LETTER_RETENTION}, 7 days)
 * @param interval             how often the old ids are pruned ({@code RECSYS_RETENTION_INTERVAL}, 1 h)
 * @param batch                ids deleted per statement, so that a large backlog is deleted in many
 *                             short statements rather than one long lock ({@code RECSYS_RETENTION_BATCH}, 1,000)
 */
@Validated
@ConfigurationProperties("recsys.retention")
public record RetentionSettings(
        @NotNull @DurationMin(hours = 1) Duration processedEvent,
        @NotNull @DurationMin(minutes = 1) Duration eventsTopicRetention,
        @NotNull @DurationMin(minutes = 1) Duration deadLetterRetention,
        @NotNull @DurationMin(millis = 100) @DurationMax(days = 1) Duration interval,
        @Min(1) @Max(10_000) int batch) {

    @AssertTrue(message = "must be longer than the events topic's retention plus the dead-letter topic's "
            + "(recsys.retention.events-topic-retention + recsys.retention.dead-letter-retention): an event id pruned sooner "
            + "lets a redelivered or replayed copy of its event be applied twice; raise RECSYS_PROCESSED_EVENT_RETENTION")
    boolean isProcessedEventKeptPastEveryCopy() {
        if (processedEvent == null || eventsTopicRetention == null || deadLetterRetention == null) {
            return true; // reported as null
        }
        return processedEvent.compareTo(eventsTopicRetention.plus(deadLetterRetention)) > 0;
    }
}
