package dev.cinema.recsys.retention;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention's settings as the service binds them at start, from its application.yml. */
class RetentionSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RetentionSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class);

    @Test
    void theDefaultsKeepAnEventIdLongerThanKafkaKeepsAnyCopyOfItsEvent() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            RetentionSettings settings = started.getBean(RetentionSettings.class);
            assertThat(settings.processedEvent()).isEqualTo(Duration.ofDays(30));
            // the broker's log.retention.hours=168 in embedded-infra's KafkaServer, and Kafka's default in compose
            assertThat(settings.eventsTopicRetention()).isEqualTo(Duration.ofHours(168));
            assertThat(settings.deadLetterRetention()).isEqualTo(Duration.ofHours(168));
            assertThat(settings.processedEvent()).isGreaterThan(settings.eventsTopicRetention().plus(settings.deadLetterRetention()));
            assertThat(settings.batch()).isEqualTo(1_000);
            assertThat(settings.interval()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void aRetentionNoLongerThanTheTopicsTogetherFailsTheStartNamingTheRule() {
        context.withPropertyValues("recsys.retention.processed-event=14d", "recsys.retention.events-topic-retention=7d",
                "recsys.retention.dead-letter-retention=7d").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("recsys.retention.processedEventKeptPastEveryCopy")
                    .hasMessageContaining("applied twice")
                    .hasMessageContaining("RECSYS_PROCESSED_EVENT_RETENTION");
        });
    }

    @Test
    void aLongerTopicRetentionNeedsALongerIdRetention() {
        context.withPropertyValues("recsys.retention.events-topic-retention=30d").run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("recsys.retention.events-topic-retention=30d", "recsys.retention.processed-event=45d")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void aBatchOrAnIntervalOutOfBoundsFailsTheStart() {
        context.withPropertyValues("recsys.retention.batch=0").run(started -> assertThat(started.getStartupFailure()).rootCause()
                .hasMessageContaining("recsys.retention.batch"));
        context.withPropertyValues("recsys.retention.batch=1000000").run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("recsys.retention.interval=0s").run(started -> assertThat(started.getStartupFailure()).rootCause()
                .hasMessageContaining("recsys.retention.interval"));
        context.withPropertyValues("recsys.retention.interval=2d").run(started -> assertThat(started).hasFailed());
    }
}
