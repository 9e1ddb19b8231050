package dev.cinema.recsys.training;

import dev.cinema.recsys.model.Ndcg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Viewers with overlapping tastes (each film belongs to one of three genres, each viewer prefers
 * one or two), a popularity skew inside each genre, and noise: structure a model can learn and
 * plain popularity cannot.
 */
record Synthetic(Map<UUID, List<UUID>> likesInOrder, Map<UUID, List<UUID>> verdictsInOrder, long verdicts) {

    static Synthetic insert(int viewers, int films, long seed) throws SQLException {
        Random random = new Random(seed);
        List<UUID> filmIds = new ArrayList<>();
        for (int i = 0; i < films; i++) {
            filmIds.add(new UUID(0x1000 + seed, i));
        }
        Map<UUID, List<UUID>> likes = new HashMap<>();
        Map<UUID, List<UUID>> known = new HashMap<>();
        long verdicts = 0;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (Connection db = TrainingDatabase.connect(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO user_film (user_id, film_id, reaction, excluded, changed_at) VALUES (?, ?, ?, ?, ?)")) {
            for (int v = 0; v < viewers; v++) {
                UUID viewer = new UUID(random.nextLong(), random.nextLong());
                int favourite = random.nextInt(3);
                int second = random.nextInt(3);
                int count = 5 + random.nextInt(25);
                Set<UUID> chosen = new HashSet<>();
                for (int n = 0; n < count; n++) {
                    // within a genre, low-numbered films are the popular ones
                    int genre = random.nextDouble() < 0.7 ? favourite : random.nextDouble() < 0.6 ? second : random.nextInt(3);
                    int rankInGenre = (int) Math.min(films / 3 - 1, Math.floor(Math.abs(random.nextGaussian()) * films / 12));
                    UUID film = filmIds.get(rankInGenre * 3 + genre);
                    if (!chosen.add(film)) {
                        continue;
                    }
                    boolean like = genre == favourite || genre == second || random.nextDouble() < 0.3;
                    boolean excluded = !like && random.nextDouble() < 0.3;
                    insert.setObject(1, viewer);
                    insert.setObject(2, film);
                    insert.setObject(3, excluded ? null : (short) (like ? 1 : -1));
                    insert.setBoolean(4, excluded);
                    insert.setTimestamp(5, Timestamp.from(start.plusSeconds(3600L * v + 60L * n)));
                    insert.addBatch();
                    verdicts++;
                    known.computeIfAbsent(viewer, k -> new ArrayList<>()).add(film);
                    if (like) {
                        likes.computeIfAbsent(viewer, k -> new ArrayList<>()).add(film);
                    }
                }
            }
            insert.executeBatch();
        }
        return new Synthetic(likes, known, verdicts);
    }

    int viewersWithTwoLikes() {
        return (int) likesInOrder.values().stream().filter(list -> list.size() >= 2).count();
    }

    /**
     * Like-count popularity under the validation protocol, computed here on its own: each viewer
     * with two likes or more has the latest share of them held out, and is shown the films most
     * liked by everyone's remaining likes that the viewer gave no verdict on before the first
     * held-out like.
     */
    double popularityNdcg(double share) {
        Map<UUID, Set<UUID>> held = new HashMap<>();
        Map<UUID, Integer> likeCounts = new HashMap<>();
        likesInOrder.forEach((viewer, films) -> {
            int count = films.size() >= 2 ? Math.max(1, (int) Math.round(share * films.size())) : 0;
            held.put(viewer, new HashSet<>(films.subList(films.size() - count, films.size())));
            films.subList(0, films.size() - count).forEach(film -> likeCounts.merge(film, 1, Integer::sum));
        });
        List<UUID> byLikes = likeCounts.entrySet().stream()
                .sorted(Map.Entry.<UUID, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        double sum = 0;
        int viewers = 0;
        for (Map.Entry<UUID, Set<UUID>> entry : held.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            List<UUID> inOrder = verdictsInOrder.get(entry.getKey());
            int firstHeld = inOrder.stream().filter(entry.getValue()::contains).mapToInt(inOrder::indexOf).min().orElseThrow();
            Set<UUID> seen = new HashSet<>(inOrder.subList(0, firstHeld));
            List<UUID> top = byLikes.stream().filter(film -> !seen.contains(film)).limit(10).toList();
            sum += Ndcg.at(10, top, entry.getValue());
            viewers++;
        }
        return sum / viewers;
    }
}
