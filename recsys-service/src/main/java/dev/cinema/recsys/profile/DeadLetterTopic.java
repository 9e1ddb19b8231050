package dev.cinema.recsys.profile;

import dev.cinema.recsys.RecsysSettings;
import dev.cinema.recsys.retention.RetentionSettings;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The dead-letter topic ({@code <events topic>.dlt}), declared at start with
 * {@code recsys.retention.dead-letter-retention} as its {@code retention.ms} (applied to a topic that
 * already exists too, {@code spring.kafka.admin.modify-topic-configs}): the retention of event ids
 * is checked against that setting ({@link RetentionSettings}), so the topic must keep its letters
 * exactly so long, not for whatever the broker's default happens to be.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!eval")
class DeadLetterTopic {

    /** Letters are few; the replay reads them in any order (each carries its own event's version). */
    private static final int PARTITIONS = 3;

    @Bean
    NewTopic deadLetterTopicDeclared(RecsysSettings recsys, RetentionSettings retention) {
        return TopicBuilder.name(recsys.eventsTopic() + EventConsumerConfig.DEAD_LETTER_SUFFIX).partitions(PARTITIONS)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.deadLetterRetention().toMillis()))
                .build();
    }
}
