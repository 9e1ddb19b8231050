package dev.cinema.recsys.refresh;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * Each viewer's recommendations replaced by theirs, in one transaction of two statements
     * whatever the counts: the rows go in as arrays.
     */
    Mono<Void> replace(Map<UUID, List<Recommendation>> recommendations) {
        if (recommendations.isEmpty()) {
            return Mono.empty();
        }
        Mono<Void> clear = db.sql("DELETE FROM recommendation WHERE user_id = ANY(:users)")
                .bind("users", recommendations.keySet().toArray(UUID[]::new)).then();
        List<UUID> users = new ArrayList<>();
        List<Short> positions = new ArrayList<>();
        List<Recommendation> rows = new ArrayList<>();
        recommendations.forEach((user, list) -> {
            for (int position = 0; position < list.size(); position++) {
                users.add(user);
                positions.add((short) position);
                rows.add(list.get(position));
            }
        });
        if (rows.isEmpty()) {
            return clear.as(transaction::transactional);
        }
        Mono<Void> insert = db.sql("""
                        INSERT INTO recommendation (user_id, position, film_id, source, reason)
                        SELECT * FROM unnest(:users::uuid[], :positions::smallint[], :films::uuid[], :sources::text[], :reasons::text[])""")
                .bind("users", users.toArray(UUID[]::new))
                .bind("positions", positions.toArray(Short[]::new))
                .bind("films", rows.stream().map(Recommendation::filmId).toArray(UUID[]::new))
                .bind("sources", rows.stream().map(Recommendation::source).toArray(String[]::new))
                .bind("reasons", rows.stream().map(Recommendation::reason).toArray(String[]::new))
                .then();
        return clear.then(insert).as(transaction::transactional);
    }
}
