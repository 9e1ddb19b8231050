package dev.cinema.recsys.refresh;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** Each viewer's current recommendations, best first; replaced whole by a refresh. */
@Component
public class StoredRecommendations {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    StoredRecommendations(DatabaseClient db, TransactionalOperator transaction) {
        this.db = db;
        this.transaction = transaction;
    }

    public Mono<List<Recommendation>> of(UUID user, int limit) {
        return db.sql("SELECT film_id, source, reason FROM recommendation WHERE user_id = :user ORDER BY position LIMIT :limit")
                .bind("user", user).bind("limit", limit)
                .map(row -> new Recommendation(row.get("film_id", UUID.class), row.get("source", String.class), row.get("reason", String.class)))
                .all().collectList();
    }

    Mono<Void> replace(UUID user, List<Recommendation> recommendations) {
        Mono<Void> clear = db.sql("DELETE FROM recommendation WHERE user_id = :user").bind("user", user).then();
        Flux<Long> insert = Flux.range(0, recommendations.size()).concatMap(position -> {
            Recommendation recommendation = recommendations.get(position);
            return db.sql("INSERT INTO recommendation (user_id, position, film_id, source, reason) VALUES (:user, :position, :film, :source, :reason)")
                    .bind("user", user).bind("position", position.shortValue()).bind("film", recommendation.filmId())
                    .bind("source", recommendation.source()).bind("reason", recommendation.reason())
                    .fetch().rowsUpdated();
        });
        return clear.thenMany(insert).then().as(transaction::transactional);
    }
}
