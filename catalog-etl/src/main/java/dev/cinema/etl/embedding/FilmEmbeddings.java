package dev.cinema.etl.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Film vectors from the all-MiniLM-L6-v2 model that ships inside its Maven jar (384 dimensions).
 * The model runs one text per call, so a batch is spread over several threads. Each vector is kept
 * in PostgreSQL with a hash of its text: a film re-indexed for another reason (a renamed actor)
 * costs a lookup, not an inference.
 */
public final class FilmEmbeddings implements AutoCloseable {

    public static final String MODEL = "all-minilm-l6-v2";
    public static final int DIMENSIONS = 384;

    /** The text a film's vector is computed from. */
    public record FilmText(UUID filmId, String text) {
    }

    private final DataSource dataSource;
    private final ExecutorService threads;
    private final EmbeddingModel model;
    private long computed;
    private long reused;
    private long computeNanos;

    public FilmEmbeddings(DataSource dataSource, int threadCount) {
        this.dataSource = dataSource;
        this.threads = Executors.newFixedThreadPool(threadCount, Thread.ofPlatform().name("embedding-", 0).daemon().factory());
        this.model = new AllMiniLmL6V2EmbeddingModel(threads);
    }

    public static String text(String title, List<String> genres, String description) {
        StringBuilder text = new StringBuilder(title);
        if (!genres.isEmpty()) {
            text.append(". ").append(String.join(", ", genres));
        }
        if (description != null && !description.isBlank()) {
            text.append(". ").append(description);
        }
        return text.toString();
    }

    /** A vector per film: reused when its text has not changed since it was computed, else computed and stored. */
    public Map<UUID, float[]> vectors(List<FilmText> films) throws SQLException {
        Map<UUID, byte[]> hashes = new HashMap<>();
        films.forEach(film -> hashes.put(film.filmId(), sha256(film.text())));
        Map<UUID, float[]> vectors = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            loadStored(connection, hashes, vectors);
            List<FilmText> missing = films.stream().filter(film -> !vectors.containsKey(film.filmId())).toList();
            reused += films.size() - missing.size();
            if (!missing.isEmpty()) {
                long started = System.nanoTime();
                List<Embedding> embeddings = model.embedAll(missing.stream().map(film -> TextSegment.from(film.text())).toList()).content();
                computeNanos += System.nanoTime() - started;
                computed += missing.size();
                for (int i = 0; i < missing.size(); i++) {
                    vectors.put(missing.get(i).filmId(), embeddings.get(i).vector());
                }
                store(connection, missing, hashes, vectors);
            }
        }
        return vectors;
    }

    /** The model's own rate: texts embedded one per call on one thread, after a warm-up. */
    public static double modelRate(List<String> texts) {
        EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
        texts.stream().limit(20).forEach(model::embed);
        long started = System.nanoTime();
        texts.forEach(model::embed);
        return texts.size() / ((System.nanoTime() - started) / 1e9);
    }

    /** Vectors computed per second of inference, so far. */
    public double computeRate() {
        return computeNanos == 0 ? 0 : computed / (computeNanos / 1e9);
    }

    public long computed() {
        return computed;
    }

    public long reused() {
        return reused;
    }

    private static void loadStored(Connection connection, Map<UUID, byte[]> hashes, Map<UUID, float[]> vectors) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT film_work_id, text_hash, vector FROM film_embedding WHERE film_work_id = ANY(?) AND model = ?")) {
            query.setArray(1, connection.createArrayOf("uuid", hashes.keySet().toArray()));
            query.setString(2, MODEL);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID film = rows.getObject(1, UUID.class);
                    if (Arrays.equals(rows.getBytes(2), hashes.get(film))) {
                        vectors.put(film, toFloats((Object[]) rows.getArray(3).getArray()));
                    }
                }
            }
        }
    }

    private static void store(Connection connection, List<FilmText> films, Map<UUID, byte[]> hashes, Map<UUID, float[]> vectors)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO film_embedding (film_work_id, text_hash, model, vector) VALUES (?, ?, ?, ?)
                ON CONFLICT (film_work_id) DO UPDATE SET text_hash = excluded.text_hash, model = excluded.model, vector = excluded.vector
                """)) {
            for (FilmText film : films) {
                float[] vector = vectors.get(film.filmId());
                Float[] boxed = new Float[vector.length];
                for (int i = 0; i < vector.length; i++) {
                    boxed[i] = vector[i];
                }
                Array array = connection.createArrayOf("real", boxed);
                upsert.setObject(1, film.filmId());
                upsert.setBytes(2, hashes.get(film.filmId()));
                upsert.setString(3, MODEL);
                upsert.setArray(4, array);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static float[] toFloats(Object[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = ((Number) values[i]).floatValue();
        }
        return floats;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
