import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of the ugc benchmark: single-document upserts by _id straight into the same Mongo
 * server, no service in between, from THREADS threads for SECONDS seconds.
 *
 *   java -cp 'lib/*' MongoUpserts.java MONGODB_URI SECONDS THREADS
 */
public class MongoUpserts {
    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int seconds = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> collection = client.getDatabase("ugc_bench").getCollection("upserts");
            collection.drop();
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                users.add(UUID.randomUUID().toString());
            }
            List<String> films = new ArrayList<>();
            for (int i = 0; i < 258; i++) {
                films.add(UUID.randomUUID().toString());
            }
            AtomicLong done = new AtomicLong();
            long[] latencies = new long[threads * 1_000_000];
            AtomicLong recorded = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        String user = users.get(random.nextInt(users.size()));
                        String film = films.get(random.nextInt(films.size()));
                        long started = System.nanoTime();
                        collection.updateOne(Filters.eq("_id", user + ":" + film),
                                Updates.combine(Updates.set("userId", user), Updates.set("filmId", film),
                                        Updates.set("value", random.nextBoolean() ? "LIKE" : "DISLIKE"), Updates.set("pending", true),
                                        Updates.push("outbox", new Document("eventId", UUID.randomUUID().toString()))),
                                new UpdateOptions().upsert(true));
                        long slot = recorded.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[(int) slot] = System.nanoTime() - started;
                        }
                        done.incrementAndGet();
                    }
                }));
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread worker : workers) {
                worker.join();
            }
            long[] measured = Arrays.copyOf(latencies, (int) Math.min(recorded.get(), latencies.length));
            Arrays.sort(measured);
            System.out.printf("raw upserts: %.0f/s, p99 %.1f ms (%d threads, %d s)%n", done.get() / (double) seconds,
                    measured.length == 0 ? 0 : measured[(int) (measured.length * 0.99)] / 1e6, threads, seconds);
            collection.drop();
        }
    }
}
