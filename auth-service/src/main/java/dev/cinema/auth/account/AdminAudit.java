package dev.cinema.auth.account;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** What administrators did, and to whom (table {@code admin_audit}), newest first. */
@Component
public class AdminAudit {

    private final DatabaseClient db;
    private final Clock clock;

    AdminAudit(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public record Entry(Instant at, UUID actor, String action, String target, String detail) {
    }

    public Mono<Void> record(UUID actor, String action, String target, String detail) {
        return db.sql("INSERT INTO admin_audit (at, actor, action, target, detail) VALUES (:at, :actor, :action, :target, :detail)")
                .bind("at", clock.instant())
                .bind("actor", actor)
                .bind("action", action)
                .bind("target", Parameter.fromOrEmpty(target, String.class))
                .bind("detail", Parameter.fromOrEmpty(detail, String.class))
                .fetch().rowsUpdated()
                .then();
    }

    Flux<Entry> page(int page, int size) {
        return db.sql("SELECT at, actor, action, target, detail FROM admin_audit ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(row -> new Entry(row.get("at", Instant.class), row.get("actor", UUID.class), row.get("action", String.class),
                        row.get("target", String.class), row.get("detail", String.class)))
                .all();
    }

    Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM admin_audit").map(row -> row.get("n", Long.class)).one();
    }
}
