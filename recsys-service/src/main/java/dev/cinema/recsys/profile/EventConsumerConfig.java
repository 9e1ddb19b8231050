package dev.cinema.recsys.profile;

import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;

/**
 * How the events consumer fails. A batch that could not be applied (PostgreSQL down, say) is tried
 * again, with the consumer paused between tries and never committed, for as long as it takes:
 * Spring Kafka's default would try ten times at once and then commit, losing the batch. An event
 * that can never be applied goes to the dead-letter topic ({@link DeadLetters}).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!eval")
class EventConsumerConfig {

    static final String DEAD_LETTER_SUFFIX = ".dlt";
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

    @Bean
    CommonErrorHandler eventBatchErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2.0);
        backOff.setMaxInterval(LONGEST_RETRY.toMillis());
        // No maximum elapsed time: an unapplied batch is never given up.
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.setAckAfterHandle(false);
        return handler;
    }

    @Bean
    DeadLetters deadLetters(KafkaOperations<?, ?> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(record.topic() + DEAD_LETTER_SUFFIX, -1));
        recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(10));
        recoverer.setFailIfSendResultIsError(true);
        return new DeadLetters(recoverer);
    }
}
