import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The recsys benchmark's viewers: USERS new viewers each like LIKES random films of FILMS_FILE, as
 * ugc-service would publish it (topic ugc.reactions.v1, key = user id, JSON value).
 *
 *   java -cp 'kafka/*' Likes.java BOOTSTRAP FILMS_FILE USERS LIKES
 */
public class Likes {
    public static void main(String[] args) throws Exception {
        List<String> films = Files.readAllLines(Path.of(args[1])).stream().filter(line -> !line.isBlank()).toList();
        int users = Integer.parseInt(args[2]);
        int likes = Integer.parseInt(args[3]);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int u = 0; u < users; u++) {
                String user = UUID.randomUUID().toString();
                for (int l = 0; l < likes; l++) {
                    String film = films.get(ThreadLocalRandom.current().nextInt(films.size()));
                    String event = "{\"eventId\":\"%s\",\"userId\":\"%s\",\"filmId\":\"%s\",\"type\":\"LIKED\",\"occurredAt\":\"%s\"}"
                            .formatted(UUID.randomUUID(), user, film, Instant.now());
                    producer.send(new ProducerRecord<>("ugc.reactions.v1", user, event));
                }
            }
            producer.flush();
        }
        System.out.println("published " + users * likes + " likes of " + users + " viewers");
    }
}
