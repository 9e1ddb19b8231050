package dev.cinema.recsys.profile;

import dev.cinema.recsys.RecsysSettings;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Viewers' likes, dislikes and exclusions as the events tell them, the films' vote counts, and
 * when each viewer is due for new recommendations. A batch of events is applied in one
 * transaction; an event already applied (at-least-once delivery) is skipped by its id, and one
 * older than the stored state of its film (by the version ugc-service gave it) changes nothing.
 */
@Component
public class Profiles {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final RecsysSettings settings;

    Profiles(DatabaseClient db, TransactionalOperator transaction, RecsysSettings settings) {
        this.db = db;
        this.transaction = transaction;
        this.settings = settings;
    }

    /** Applies the events in order; emits how many were new. */
    public Mono<Integer> apply(List<ReactionEvent> events) {
        return Flux.fromIterable(events)
                .concatMap(event -> firstTime(event).flatMap(isNew -> isNew ? applyNew(event).thenReturn(1) : Mono.just(0)))
                .reduce(0, Integer::sum)
                .as(transaction::transactional);
    }

    private Mono<Boolean> firstTime(ReactionEvent event) {
        return db.sql("INSERT INTO processed_event (event_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .bind("id", event.eventId())
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }

    private Mono<Void> applyNew(ReactionEvent event) {
        return switch (event.type()) {
            case LIKED -> react(event, (short) 1);
            case DISLIKED -> react(event, (short) -1);
            case REACTION_REMOVED -> react(event, null);
            case EXCLUDED -> exclude(event, true);
            case EXCLUSION_REMOVED -> exclude(event, false);
            case MORE_LIKE_THIS -> due(event.userId(), Instant.now(), event.filmId());
        };
    }

    /**
     * The new reaction, and the film's votes moved by the difference with the old one; nothing when
     * the stored reaction came from a newer version (this event arrived late).
     */
    private Mono<Void> react(ReactionEvent event, Short reaction) {
        return db.sql("SELECT reaction, reaction_version FROM user_film WHERE user_id = :user AND film_id = :film FOR UPDATE")
                .bind("user", event.userId()).bind("film", event.filmId())
                .map(row -> new Stored(row.get("reaction", Short.class), row.get("reaction_version", Long.class)))
                .one().defaultIfEmpty(Stored.NONE)
                .filter(stored -> event.newerThan(stored.version()))
                .flatMap(stored -> {
                    int old = stored.reaction() == null ? 0 : stored.reaction();
                    int now = reaction == null ? 0 : reaction;
                    int likes = (now == 1 ? 1 : 0) - (old == 1 ? 1 : 0);
                    int dislikes = (now == -1 ? 1 : 0) - (old == -1 ? 1 : 0);
                    var upsert = db.sql("""
                                    INSERT INTO user_film (user_id, film_id, reaction, reaction_version, changed_at)
                                    VALUES (:user, :film, :reaction, :version, :at)
                                    ON CONFLICT (user_id, film_id) DO UPDATE SET reaction = EXCLUDED.reaction,
                                        reaction_version = COALESCE(EXCLUDED.reaction_version, user_film.reaction_version),
                                        changed_at = EXCLUDED.changed_at""")
                            .bind("user", event.userId()).bind("film", event.filmId()).bind("at", event.occurredAt());
                    upsert = reaction == null ? upsert.bindNull("reaction", Short.class) : upsert.bind("reaction", reaction);
                    upsert = event.version() == null ? upsert.bindNull("version", Long.class) : upsert.bind("version", event.version());
                    Mono<Void> votes = likes == 0 && dislikes == 0 ? Mono.empty() : db.sql("""
                                    INSERT INTO film_votes (film_id, likes, dislikes) VALUES (:film, GREATEST(:likes, 0), GREATEST(:dislikes, 0))
                                    ON CONFLICT (film_id) DO UPDATE SET likes = GREATEST(film_votes.likes + :likes, 0),
                                        dislikes = GREATEST(film_votes.dislikes + :dislikes, 0), dirty = true""")
                            .bind("film", event.filmId()).bind("likes", likes).bind("dislikes", dislikes)
                            .then();
                    return upsert.then().then(votes).then(changed(event.userId()));
                });
    }

    /** The exclusion, unless the stored one came from a newer version. */
    private Mono<Void> exclude(ReactionEvent event, boolean excluded) {
        var upsert = db.sql("""
                        INSERT INTO user_film (user_id, film_id, excluded, exclusion_version, changed_at)
                        VALUES (:user, :film, :excluded, :version, :at)
                        ON CONFLICT (user_id, film_id) DO UPDATE SET excluded = EXCLUDED.excluded,
                            exclusion_version = COALESCE(EXCLUDED.exclusion_version, user_film.exclusion_version),
                            changed_at = EXCLUDED.changed_at
                        WHERE EXCLUDED.exclusion_version IS NULL OR user_film.exclusion_version IS NULL
                            OR EXCLUDED.exclusion_version > user_film.exclusion_version""")
                .bind("user", event.userId()).bind("film", event.filmId()).bind("excluded", excluded).bind("at", event.occurredAt());
        upsert = event.version() == null ? upsert.bindNull("version", Long.class) : upsert.bind("version", event.version());
        return upsert.fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.empty() : changed(event.userId()));
    }

    /** A reaction or exclusion changed: due after {@code refreshDelay}, and one more change the LLM has not seen. */
    private Mono<Void> changed(UUID user) {
        return db.sql("""
                        INSERT INTO user_refresh (user_id, due_at, llm_changes, llm_changed_at) VALUES (:user, :at, 1, now())
                        ON CONFLICT (user_id) DO UPDATE SET due_at = LEAST(COALESCE(user_refresh.due_at, EXCLUDED.due_at), EXCLUDED.due_at),
                            llm_changes = user_refresh.llm_changes + 1, llm_changed_at = now()""")
                .bind("user", user).bind("at", Instant.now().plus(settings.refreshDelay()))
                .then();
    }

    /** Due at {@code at} unless due earlier already; a seed ("more like this") replaces an older one (and is no change for the LLM). */
    private Mono<Void> due(UUID user, Instant at, UUID seed) {
        var statement = db.sql("""
                        INSERT INTO user_refresh (user_id, due_at, seed_film_id) VALUES (:user, :at, :seed)
                        ON CONFLICT (user_id) DO UPDATE SET due_at = LEAST(COALESCE(user_refresh.due_at, EXCLUDED.due_at), EXCLUDED.due_at),
                            seed_film_id = COALESCE(EXCLUDED.seed_film_id, user_refresh.seed_film_id)""")
                .bind("user", user).bind("at", at);
        return (seed == null ? statement.bindNull("seed", UUID.class) : statement.bind("seed", seed)).then();
    }

    /** A viewer's films: liked, disliked and excluded. */
    public Mono<Profile> profile(UUID user) {
        return profiles(List.of(user)).map(profiles -> profiles.get(user));
    }

    /** The profiles of these viewers, read in one query (a refresh round reads all its viewers' at once). */
    public Mono<Map<UUID, Profile>> profiles(Collection<UUID> users) {
        return db.sql("SELECT user_id, film_id, reaction, excluded FROM user_film WHERE user_id = ANY(:users) ORDER BY user_id, changed_at DESC")
                .bind("users", users.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("user_id", UUID.class), stand(row)))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .map(stands -> {
                    Map<UUID, Profile> profiles = new LinkedHashMap<>();
                    for (UUID user : users) {
                        profiles.put(user, Profile.of(user, List.copyOf(stands.getOrDefault(user, List.of()))));
                    }
                    return profiles;
                });
    }

    /** A viewer's stored reaction to a film (null: none) and the version it came from (null: not known). */
    private record Stored(Short reaction, Long version) {
        static final Stored NONE = new Stored(null, null);
    }

    private static Profile.Stand stand(Readable row) {
        Short reaction = row.get("reaction", Short.class);
        return new Profile.Stand(row.get("film_id", UUID.class), reaction == null ? 0 : reaction,
                Boolean.TRUE.equals(row.get("excluded", Boolean.class)));
    }
}
