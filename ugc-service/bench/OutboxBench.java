import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The outbox benchmark's client. Two modes:
 *
 * <pre>
 *   latency URL TOKENS FILMS RATE SECONDS   reactions at a steady RATE per second (paced, not as fast as
 *                                           possible: a queue of our own would hide the service's own
 *                                           latency); prints "latency N p50 P50 p99 P99 max MAX" in ms
 *   write URL TOKENS FILMS COUNT VALUE       COUNT reactions VALUE (LIKE or DISLIKE), each to another
 *                                           viewer-film pair, 32 at a time; prints "written N failed F"
 *   drain KAFKA TOPIC TIMEOUT_S              from the topic's end now ("drain ready" once there): counts the
 *                                           events that come until none came for 5 s, and prints
 *                                           "drain N events in MS ms" from the first to the last (it
 *                                           waits through Kafka being stopped and started meanwhile)
 * </pre>
 */
public class OutboxBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "latency" -> latency(args[1], lines(args[2]), lines(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "write" -> write(args[1], lines(args[2]), lines(args[3]), Integer.parseInt(args[4]), args[5]);
            case "drain" -> drain(args[1], args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("latency, write or drain");
        }
        System.exit(0);
    }

    private static void latency(String url, List<String> tokens, List<String> films, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        List<CompletableFuture<Long>> answers = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long sent = System.nanoTime();
            answers.add(HTTP.sendAsync(reaction(url, tokens.get(i % tokens.size()), films.get(i % films.size()), i % 2 == 0 ? "LIKE" : "DISLIKE"),
                            HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> response.statusCode() / 100 == 2 ? System.nanoTime() - sent : -1L)
                    .exceptionally(failure -> -1L));
        }
        List<Long> micros = new ArrayList<>();
        int failed = 0;
        for (CompletableFuture<Long> answer : answers) {
            long nanos = answer.get(60, TimeUnit.SECONDS);
            if (nanos < 0) {
                failed++;
            } else {
                micros.add(TimeUnit.NANOSECONDS.toMicros(nanos));
            }
        }
        Collections.sort(micros);
        System.out.printf("latency %d p50 %.1f p99 %.1f max %.1f failed %d%n", micros.size(), at(micros, 0.50), at(micros, 0.99),
                micros.isEmpty() ? 0.0 : micros.getLast() / 1000.0, failed);
    }

    private static void write(String url, List<String> tokens, List<String> films, int count, String value) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<Boolean>> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // viewer i % tokens and film i / tokens: a different pair for each of tokens x films reactions
            HttpRequest request = reaction(url, tokens.get(i % tokens.size()), films.get((i / tokens.size()) % films.size()), value);
            inFlight.acquire();
            answers.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> response.statusCode() == 200)
                    .exceptionally(failure -> false)
                    .whenComplete((ok, failure) -> inFlight.release()));
        }
        int written = 0;
        for (CompletableFuture<Boolean> answer : answers) {
            written += answer.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        System.out.printf("written %d failed %d%n", written, count - written);
    }

    private static void drain(String bootstrap, String topic, int timeoutSeconds) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(timeoutSeconds))) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            System.out.println("drain ready");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long first = 0;
            long last = 0;
            int seen = 0;
            while (System.nanoTime() < deadline && (seen == 0 || System.nanoTime() - last < TimeUnit.SECONDS.toNanos(5))) {
                for (ConsumerRecord<String, String> ignored : consumer.poll(Duration.ofMillis(50))) {
                    last = System.nanoTime();
                    first = seen == 0 ? last : first;
                    seen++;
                }
            }
            System.out.printf("drain %d events in %d ms%n", seen, TimeUnit.NANOSECONDS.toMillis(last - first));
        }
    }

    private static HttpRequest reaction(String url, String token, String film, String value) {
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/reactions/" + film)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + value + "\"}")).build();
    }

    private static double at(List<Long> sortedMicros, double quantile) {
        if (sortedMicros.isEmpty()) {
            return 0;
        }
        return sortedMicros.get(Math.min(sortedMicros.size() - 1, (int) Math.ceil(quantile * sortedMicros.size()) - 1)) / 1000.0;
    }

    private static List<String> lines(String file) throws Exception {
        return Files.readAllLines(Path.of(file)).stream().filter(line -> !line.isBlank()).toList();
    }
}
