package dev.cinema.recsys.refresh;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
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

    /** In two statements whatever the count: the rows go in as arrays. */
    Mono<Void> replace(UUID user, List<Recommendation> recommendations) {
        Mono<Void> clear = db.sql("DELETE FROM recommendation WHERE user_id = :user").bind("user", user).then();
        if (recommendations.isEmpty()) {
            return clear.as(transaction::transactional);
        }
        Mono<Void> insert = db.sql("""
                        INSERT INTO recommendation (user_id, position, film_id, source, reason)
                        SELECT :user, (row.position - 1)::smallint, row.film_id, row.source, row.reason
                        FROM unnest(:films::uuid[], :sources::text[], :reasons::text[]) WITH ORDINALITY AS row(film_id, source, reason, position)""")
                .bind("user", user)
                .bind("films", recommendations.stream().map(Recommendation::filmId).toArray(UUID[]::new))
                .bind("sources", recommendations.stream().map(Recommendation::source).toArray(String[]::new))
                .bind("reasons", recommendations.stream().map(Recommendation::reason).toArray(String[]::new))
                .then();
        return clear.then(insert).as(transaction::transactional);
    }
}
