package dev.cinema.recsys.refresh;

import dev.cinema.recsys.RecsysSettings;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which viewers are due for new recommendations. Instances share the work: each claims a batch
 * with {@code FOR UPDATE SKIP LOCKED}, and a claimed viewer is claimed by no one else, even when an
 * event makes it due during its refresh (it is refreshed again after). Each instance beats (see
 * {@link #beat()}); the viewers claimed by an instance silent for {@code refreshSilence} (killed,
 * cut off) are due again at once. A viewer whose refresh failed is given back, due again shortly
 * ({@link #failed}). A claim is also a lease: a viewer whose refresh never finished is claimable
 * again when it runs out, whatever happened to the instance.
 */
@Component
class DueViewers {

    static final Duration LEASE = Duration.ofMinutes(5);

    /** A claimed viewer; {@code leaseUntil} tells whether an event made it due again meanwhile. */
    record Claim(UUID userId, UUID seedFilmId, OffsetDateTime leaseUntil) {
    }

    private final DatabaseClient db;
    private final RecsysSettings settings;
    private final UUID instance = UUID.randomUUID();

    DueViewers(DatabaseClient db, RecsysSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    /**
     * Says this instance is alive, and gives the viewers of the instances silent for
     * {@code refreshSilence} back: due now, claimed by no one.
     */
    Mono<Void> beat() {
        Mono<Void> alive = db.sql("""
                        INSERT INTO refresh_instance (id, alive_at) VALUES (:instance, now())
                        ON CONFLICT (id) DO UPDATE SET alive_at = now()""")
                .bind("instance", instance).then();
        Mono<Void> releaseSilent = db.sql("""
                        WITH silent AS (DELETE FROM refresh_instance WHERE alive_at < now() - make_interval(secs => :silence) RETURNING id)
                        UPDATE user_refresh SET due_at = LEAST(due_at, now()), claimed_by = NULL, claimed_at = NULL
                        WHERE claimed_by IN (SELECT id FROM silent)""")
                .bind("silence", (double) settings.refreshSilence().toMillis() / 1000).then();
        return alive.then(releaseSilent);
    }

    /** Stopping: this instance's claimed viewers are due again at once, for the other instances or the next start. */
    Mono<Void> leave() {
        return db.sql("""
                        WITH gone AS (DELETE FROM refresh_instance WHERE id = :instance)
                        UPDATE user_refresh SET due_at = LEAST(due_at, now()), claimed_by = NULL, claimed_at = NULL
                        WHERE claimed_by = :instance""")
                .bind("instance", instance).then();
    }

    Flux<Claim> claim(int max) {
        OffsetDateTime leaseUntil = OffsetDateTime.ofInstant(Instant.now().plus(LEASE), ZoneOffset.UTC);
        return db.sql("""
                        UPDATE user_refresh r SET due_at = :lease, claimed_by = :instance, claimed_at = now()
                        FROM (SELECT user_id FROM user_refresh
                              WHERE due_at <= now() AND (claimed_by IS NULL OR claimed_at < now() - make_interval(secs => :leaseSeconds))
                              ORDER BY due_at LIMIT :max FOR UPDATE SKIP LOCKED) due
                        WHERE r.user_id = due.user_id
                        RETURNING r.user_id, r.seed_film_id, r.due_at""")
                .bind("lease", leaseUntil).bind("instance", instance).bind("leaseSeconds", (double) LEASE.toSeconds()).bind("max", max)
                .map(row -> new Claim(row.get("user_id", UUID.class), row.get("seed_film_id", UUID.class),
                        row.get("due_at", OffsetDateTime.class)))
                .all();
    }

    /**
     * Refreshes that failed (a server they need down or slow): the viewers are given back, due again
     * after {@code retry} (or sooner, if an event made one due meanwhile), not when the lease runs out.
     */
    Mono<Void> failed(List<Claim> claims, Duration retry) {
        return Flux.fromIterable(byLease(claims).entrySet()).concatMap(leased -> db.sql("""
                                UPDATE user_refresh SET
                                    due_at = CASE WHEN due_at = :lease THEN now() + make_interval(secs => :retry) ELSE due_at END,
                                    claimed_at = NULL, claimed_by = NULL
                                WHERE user_id = ANY(:users) AND claimed_by = :instance""")
                        .bind("lease", leased.getKey())
                        .bind("retry", (double) retry.toSeconds())
                        .bind("users", leased.getValue().stream().map(Claim::userId).toArray(UUID[]::new))
                        .bind("instance", instance)
                        .then())
                .then();
    }

    /**
     * Done: due again after {@code refreshInterval}, or at its {@code dueBy} time if sooner (the LLM's
     * next ask), unless an event made one due sooner during the refresh; a seed is used up unless a
     * new one came.
     */
    Mono<Void> done(List<Claim> claims, Map<UUID, Instant> dueBy) {
        return Flux.fromIterable(byLease(claims).entrySet()).concatMap(leased -> db.sql("""
                                UPDATE user_refresh r SET refreshed_at = now(),
                                    due_at = LEAST(CASE WHEN r.due_at = :lease THEN now() + make_interval(secs => :interval) ELSE r.due_at END,
                                        done.due_by),
                                    claimed_at = CASE WHEN r.claimed_by = :instance THEN NULL ELSE r.claimed_at END,
                                    claimed_by = CASE WHEN r.claimed_by = :instance THEN NULL ELSE r.claimed_by END,
                                    seed_film_id = CASE WHEN r.seed_film_id IS NOT DISTINCT FROM done.seed THEN NULL ELSE r.seed_film_id END
                                FROM unnest(:users::uuid[], :seeds::uuid[], :dueBy::timestamptz[]) AS done(user_id, seed, due_by)
                                WHERE r.user_id = done.user_id""")
                        .bind("lease", leased.getKey())
                        .bind("instance", instance)
                        .bind("interval", (double) settings.refreshInterval().toSeconds())
                        .bind("users", leased.getValue().stream().map(Claim::userId).toArray(UUID[]::new))
                        .bind("seeds", leased.getValue().stream().map(Claim::seedFilmId).toArray(UUID[]::new))
                        .bind("dueBy", leased.getValue().stream().map(claim -> dueBy.get(claim.userId()))
                                .map(at -> at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).toArray(OffsetDateTime[]::new))
                        .then())
                .then();
    }

    /** The claims of one round share their lease; claims of several rounds are written a round at a time. */
    private static Map<OffsetDateTime, List<Claim>> byLease(List<Claim> claims) {
        return claims.stream().collect(Collectors.groupingBy(Claim::leaseUntil, LinkedHashMap::new, Collectors.toList()));
    }

    /** Due now (an administrator asked). */
    Mono<Void> dueNow(UUID user) {
        return db.sql("""
                        INSERT INTO user_refresh (user_id, due_at) VALUES (:user, now())
                        ON CONFLICT (user_id) DO UPDATE SET due_at = now()""")
                .bind("user", user).then();
    }
}
