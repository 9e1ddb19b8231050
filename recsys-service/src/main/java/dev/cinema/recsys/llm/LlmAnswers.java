package dev.cinema.recsys.llm;

import dev.cinema.recsys.refresh.Recommendation;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The LLM's last answer per viewer and the changes it has not seen ({@link LlmState}), in PostgreSQL. */
@Component
class LlmAnswers {

    private final DatabaseClient db;

    LlmAnswers(DatabaseClient db) {
        this.db = db;
    }

    Mono<LlmState> state(UUID user) {
        return db.sql("""
                        SELECT r.llm_changes, r.llm_changed_at, a.asked_at, a.failed_at, a.films, a.reasons
                        FROM user_refresh r LEFT JOIN llm_answer a ON a.user_id = r.user_id
                        WHERE r.user_id = :user""")
                .bind("user", user)
                .map(row -> new LlmState(row.get("llm_changes", Integer.class), instant(row.get("llm_changed_at", OffsetDateTime.class)),
                        instant(row.get("asked_at", OffsetDateTime.class)), instant(row.get("failed_at", OffsetDateTime.class)),
                        answer(row.get("films", UUID[].class), row.get("reasons", String[].class))))
                .one()
                .defaultIfEmpty(LlmState.NEW);
    }

    /**
     * A new answer, made from a prompt that saw {@code seen} changes: those are taken away, the ones
     * applied during the call stay for the next answer.
     */
    Mono<Void> answered(UUID user, List<Recommendation> answer, int seen) {
        Mono<Void> stored = db.sql("""
                        INSERT INTO llm_answer (user_id, asked_at, failed_at, films, reasons) VALUES (:user, now(), NULL, :films, :reasons)
                        ON CONFLICT (user_id) DO UPDATE SET asked_at = now(), failed_at = NULL, films = EXCLUDED.films, reasons = EXCLUDED.reasons""")
                .bind("user", user)
                .bind("films", answer.stream().map(Recommendation::filmId).toArray(UUID[]::new))
                .bind("reasons", answer.stream().map(Recommendation::reason).toArray(String[]::new))
                .then();
        Mono<Void> seenChanges = db.sql("UPDATE user_refresh SET llm_changes = GREATEST(llm_changes - :seen, 0) WHERE user_id = :user")
                .bind("user", user).bind("seen", seen)
                .then();
        return stored.then(seenChanges);
    }

    /** A call that failed: the last answer stands, the changes stay, and the call is tried again later. */
    Mono<Void> failed(UUID user) {
        return db.sql("""
                        INSERT INTO llm_answer (user_id, failed_at) VALUES (:user, now())
                        ON CONFLICT (user_id) DO UPDATE SET failed_at = now()""")
                .bind("user", user).then();
    }

    private static List<Recommendation> answer(UUID[] films, String[] reasons) {
        List<Recommendation> answer = new ArrayList<>();
        if (films != null) {
            for (int i = 0; i < films.length; i++) {
                answer.add(new Recommendation(films[i], Recommendation.LLM, reasons != null && i < reasons.length ? reasons[i] : LlmRecommender.PLAIN_REASON));
            }
        }
        return answer;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
