package dev.cinema.recsys.profile;

import dev.cinema.recsys.RecsysSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts the dead letters kept since the last replay back on the topic they came from, once what
 * made them unappliable is fixed. Its own consumer group remembers how far it got, so a letter is
 * replayed once; a letter that still cannot be applied comes back to the dead-letter topic. Events
 * are applied once by their id, so a replay never applies one twice.
 */
@Component
@Profile("!eval")
class DeadLetterReplay {

    static final String GROUP = "recsys-dead-letter-replay";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final ConsumerFactory<String, String> consumers;
    private final KafkaOperations<String, String> producer;
    private final String deadLetterTopic;

    @SuppressWarnings("unchecked")
    DeadLetterReplay(ConsumerFactory<?, ?> consumers, KafkaOperations<?, ?> producer, RecsysSettings settings) {
        this.consumers = (ConsumerFactory<String, String>) consumers;
        // Boot's template writes strings, the events' and the dead letters' only type.
        this.producer = (KafkaOperations<String, String>) producer;
        this.deadLetterTopic = settings.eventsTopic() + EventConsumerConfig.DEAD_LETTER_SUFFIX;
    }

    /** Emits how many letters were put back. */
    Mono<Integer> replay() {
        return Mono.fromCallable(this::replayNow).subscribeOn(Schedulers.boundedElastic());
    }

    private synchronized int replayNow() throws Exception {
        try (Consumer<String, String> consumer = consumers.createConsumer(GROUP, "dead-letter-replay", null)) {
            List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, KAFKA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            // Only what is there now: a letter that comes back while replaying waits for the next replay.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            int replayed = 0;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, KAFKA_TIMEOUT) < end.get(partition))) {
                for (ConsumerRecord<String, String> letter : consumer.poll(Duration.ofSeconds(1))) {
                    if (letter.offset() >= end.get(new TopicPartition(letter.topic(), letter.partition()))) {
                        continue;
                    }
                    producer.send(new ProducerRecord<>(originalTopic(letter), letter.key(), letter.value()))
                            .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    replayed++;
                }
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (TopicPartition partition : partitions) {
                done.put(partition, new OffsetAndMetadata(Math.min(consumer.position(partition, KAFKA_TIMEOUT), end.get(partition))));
            }
            consumer.commitSync(done, KAFKA_TIMEOUT);
            log.info("{} dead letters put back from {}", replayed, deadLetterTopic);
            return replayed;
        }
    }

    private String originalTopic(ConsumerRecord<String, String> letter) {
        Header original = letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        return original != null
                ? new String(original.value(), StandardCharsets.UTF_8)
                : deadLetterTopic.substring(0, deadLetterTopic.length() - EventConsumerConfig.DEAD_LETTER_SUFFIX.length());
    }
}
