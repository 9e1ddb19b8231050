package dev.cinema.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EmbeddedServers(ServerKind.KAFKA)
class KafkaServerIT {

    @Test
    void aProducedRecordIsConsumed(KafkaServer kafka) throws Exception {
        String bootstrap = kafka.connectionSettings().get("KAFKA_BOOTSTRAP_SERVERS");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("infra.roundtrip", "user-1", "liked film 42")).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-roundtrip",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra.roundtrip"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("user-1");
            assertThat(record.value()).isEqualTo("liked film 42");
        });
    }

    @Test
    void theBrokerComesBackAfterAStop(KafkaServer kafka) throws Exception {
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();

        kafka.start();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.connectionSettings().get("KAFKA_BOOTSTRAP_SERVERS")),
                new StringSerializer(), new StringSerializer())) {
            assertThat(producer.send(new ProducerRecord<>("infra.restart", "k", "v")).get(30, TimeUnit.SECONDS).offset())
                    .isGreaterThanOrEqualTo(0);
        }
    }
}
