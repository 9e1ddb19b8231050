package dev.cinema.auth.login;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Every sign-in attempt on an existing account: when, from where, with what, and whether it worked. */
@Component
class LoginHistory {

    private static final int USER_AGENT_MAX = 512;

    private final DatabaseClient db;
    private final Clock clock;

    LoginHistory(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    record Entry(Instant at, String ip, String userAgent, boolean success) {
    }

    Mono<Void> record(UUID userId, String ip, String userAgent, boolean success) {
        String agent = userAgent == null ? "" : userAgent.substring(0, Math.min(userAgent.length(), USER_AGENT_MAX));
        return db.sql("INSERT INTO login_event (user_id, at, ip, user_agent, success) VALUES (:user, :at, :ip, :agent, :success)")
                .bind("user", userId)
                .bind("at", clock.instant())
                .bind("ip", ip)
                .bind("agent", agent)
                .bind("success", success)
                .fetch().rowsUpdated()
                .then();
    }

    Flux<Entry> page(UUID userId, int page, int size) {
        return db.sql("SELECT at, ip, user_agent, success FROM login_event WHERE user_id = :user "
                        + "ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("user", userId)
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(row -> new Entry(row.get("at", Instant.class), row.get("ip", String.class),
                        row.get("user_agent", String.class), Boolean.TRUE.equals(row.get("success", Boolean.class))))
                .all();
    }

    Mono<Long> count(UUID userId) {
        return db.sql("SELECT count(*) AS n FROM login_event WHERE user_id = :user")
                .bind("user", userId)
                .map(row -> row.get("n", Long.class))
                .one();
    }
}
