package dev.cinema.recsys.refresh;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** "Viewers who liked X also liked Y", from the likes recsys-service has seen. */
@Component
class CoLikes {

    /**
     * @param count how many other viewers liked both {@code via} (one of the viewer's likes) and the film
     * @param via   the viewer's liked film that leads here most often
     */
    record CoLiked(UUID filmId, long count, UUID via) {
    }

    private final DatabaseClient db;

    CoLikes(DatabaseClient db) {
        this.db = db;
    }

    /** The films most liked by the viewers who liked {@code liked}, most co-liked first. */
    Mono<List<CoLiked>> of(UUID user, Collection<UUID> liked, int limit) {
        if (liked.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("""
                        SELECT other.film_id AS film_id, mine.film_id AS via, count(*) AS pairs
                        FROM user_film mine
                        JOIN user_film other ON other.user_id = mine.user_id AND other.reaction = 1 AND other.film_id <> ALL(:liked)
                        WHERE mine.film_id = ANY(:liked) AND mine.reaction = 1 AND mine.user_id <> :user
                        GROUP BY other.film_id, mine.film_id""")
                .bind("liked", liked.toArray(UUID[]::new)).bind("user", user)
                .map(row -> new CoLiked(row.get("film_id", UUID.class), row.get("pairs", Long.class), row.get("via", UUID.class)))
                .all().collectList()
                .map(rows -> {
                    Map<UUID, Long> totals = new HashMap<>();
                    Map<UUID, CoLiked> strongest = new HashMap<>();
                    for (CoLiked row : rows) {
                        totals.merge(row.filmId(), row.count(), Long::sum);
                        strongest.merge(row.filmId(), row, (a, b) -> a.count() >= b.count() ? a : b);
                    }
                    return totals.entrySet().stream()
                            .sorted(Map.Entry.<UUID, Long>comparingByValue().reversed())
                            .limit(limit)
                            .map(total -> new CoLiked(total.getKey(), total.getValue(), strongest.get(total.getKey()).via()))
                            .toList();
                });
    }
}
