package dev.cinema.platform.soak;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.cinema.platform.soak.History.Key;
import dev.cinema.platform.soak.History.Register;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.bson.UuidRepresentation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * What the platform's stores hold, read straight from them: ugc-service's documents in MongoDB
 * (the viewer's stand on a film, and its outbox of events not yet published), recsys-service's
 * profiles and vote counts in PostgreSQL, and how far recsys-service's consumer is behind in Kafka.
 */
final class Stores implements AutoCloseable {

    record Votes(long likes, long dislikes) {
        static final Votes NONE = new Votes(0, 0);

        @Override
        public String toString() {
            return likes + " likes, " + dislikes + " dislikes";
        }
    }

    /** The registers' values (NONE where no document says otherwise) and the events still in their outboxes. */
    record MongoState(Map<Key, String> values, long pendingEvents) {
    }

    private static final String COLLECTION = "user_films";

    private final Addresses addresses;
    private final MongoClient mongo;
    private final Admin kafka;

    Stores(Addresses addresses) {
        this.addresses = addresses;
        this.mongo = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(addresses.mongoUri()))
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build());
        Properties kafkaSettings = new Properties();
        kafkaSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, addresses.kafka());
        kafkaSettings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        kafkaSettings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        this.kafka = Admin.create(kafkaSettings);
    }

    /** Every viewer's documents for every film, by {@code _id} (userId:filmId), the only key the embedded MongoDB indexes. */
    MongoState mongo(Collection<UUID> viewers, Collection<UUID> films) {
        List<String> ids = new ArrayList<>();
        viewers.forEach(viewer -> films.forEach(film -> ids.add(viewer + ":" + film)));
        Map<Key, String> values = new HashMap<>();
        viewers.forEach(viewer -> films.forEach(film -> {
            values.put(new Key(viewer, film, Register.REACTION), History.NONE);
            values.put(new Key(viewer, film, Register.EXCLUSION), History.NONE);
        }));
        long pending = 0;
        for (Document document : documents().find(Filters.in("_id", ids))) {
            UUID viewer = document.get("userId", UUID.class);
            UUID film = document.get("filmId", UUID.class);
            String value = document.getString("value");
            values.put(new Key(viewer, film, Register.REACTION), value == null ? History.NONE : value);
            values.put(new Key(viewer, film, Register.EXCLUSION), Boolean.TRUE.equals(document.getBoolean("excluded")) ? History.EXCLUDED : History.NONE);
            List<?> outbox = document.getList("outbox", Object.class);
            pending += outbox == null ? 0 : outbox.size();
        }
        return new MongoState(values, pending);
    }

    /** The likes and dislikes MongoDB holds for these films, every viewer's (the soak's and anyone else's). */
    Map<UUID, Votes> mongoVotes(Collection<UUID> films) {
        Map<UUID, long[]> counts = new HashMap<>();
        for (Document document : documents().find(Filters.and(Filters.in("filmId", films), Filters.in("value", History.LIKE, History.DISLIKE)))
                .projection(Projections.include("filmId", "value"))) {
            long[] votes = counts.computeIfAbsent(document.get("filmId", UUID.class), film -> new long[2]);
            votes[History.LIKE.equals(document.getString("value")) ? 0 : 1]++;
        }
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> new Votes(entry.getValue()[0], entry.getValue()[1])));
    }

    /** recsys-service's profile rows (user_film) of these viewers, as the same registers. */
    Map<Key, String> recsys(Collection<UUID> viewers) throws SQLException {
        Map<Key, String> values = new HashMap<>();
        try (Connection connection = postgres();
             PreparedStatement select = connection.prepareStatement("SELECT user_id, film_id, reaction, excluded FROM user_film WHERE user_id = ANY(?)")) {
            select.setArray(1, uuids(connection, viewers));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID viewer = rows.getObject("user_id", UUID.class);
                    UUID film = rows.getObject("film_id", UUID.class);
                    short reaction = rows.getShort("reaction");
                    boolean none = rows.wasNull();
                    values.put(new Key(viewer, film, Register.REACTION), none ? History.NONE : reaction == 1 ? History.LIKE : History.DISLIKE);
                    values.put(new Key(viewer, film, Register.EXCLUSION), rows.getBoolean("excluded") ? History.EXCLUDED : History.NONE);
                }
            }
        }
        return values;
    }

    /** recsys-service's vote counts (film_votes) of these films. */
    Map<UUID, Votes> filmVotes(Collection<UUID> films) throws SQLException {
        Map<UUID, Votes> votes = new HashMap<>();
        try (Connection connection = postgres();
             PreparedStatement select = connection.prepareStatement("SELECT film_id, likes, dislikes FROM film_votes WHERE film_id = ANY(?)")) {
            select.setArray(1, uuids(connection, films));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    votes.put(rows.getObject("film_id", UUID.class), new Votes(rows.getLong("likes"), rows.getLong("dislikes")));
                }
            }
        }
        return votes;
    }

    /**
     * The events on the topic that recsys-service's consumer group has not committed yet (it commits a
     * batch once it is applied): 0 when everything published has reached the profiles.
     */
    long consumerLag() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(addresses.consumerGroup())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        List<TopicPartition> partitions = kafka.describeTopics(List.of(addresses.eventsTopic())).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(addresses.eventsTopic()).partitions().stream()
                .map(partition -> new TopicPartition(addresses.eventsTopic(), partition.partition())).toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = kafka.listOffsets(partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> earliest = kafka.listOffsets(partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.earliest()))).all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            long from = offset == null ? earliest.get(partition).offset() : offset.offset();
            lag += Math.max(0, latest.get(partition).offset() - from);
        }
        return lag;
    }

    private MongoCollection<Document> documents() {
        return mongo.getDatabase(new ConnectionString(addresses.mongoUri()).getDatabase()).getCollection(COLLECTION);
    }

    private Connection postgres() throws SQLException {
        return DriverManager.getConnection(addresses.recsysJdbcUrl(), addresses.postgresUser(), addresses.postgresPassword());
    }

    private static Array uuids(Connection connection, Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }

    @Override
    public void close() {
        mongo.close();
        kafka.close();
    }
}
