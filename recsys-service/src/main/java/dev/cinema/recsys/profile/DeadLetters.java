package dev.cinema.recsys.profile;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Events that can never be applied (unreadable, or missing a field), kept in
 * {@code <topic>.dlt} with where they came from and why (Spring Kafka's {@code kafka_dlt-*}
 * headers) instead of being skipped: {@code ./local_run.sh replay-dlt} puts them back once the
 * cause is fixed. A send waits for Kafka's answer; if Kafka refuses it, the batch fails and is
 * tried again, so no event is committed without being applied or kept.
 */
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer recoverer;

    DeadLetters(DeadLetterPublishingRecoverer recoverer) {
        this.recoverer = recoverer;
    }

    void keep(ConsumerRecord<String, String> record, String reason) {
        log.warn("event at {}-{}@{} cannot be applied ({}): kept in {}{}", record.topic(), record.partition(), record.offset(),
                reason, record.topic(), EventConsumerConfig.DEAD_LETTER_SUFFIX);
        recoverer.accept(record, new UnappliableEvent(reason));
    }

    /** Why an event was not applied; its message travels in the dead letter's exception headers. */
    static final class UnappliableEvent extends RuntimeException {

        UnappliableEvent(String reason) {
            super(reason, null, false, false);
        }
    }
}
