package dev.cinema.auth.revocation;

import dev.cinema.auth.AuthProperties;
import dev.cinema.security.revocation.RevocationBatch;
import dev.cinema.security.revocation.RevocationBatch.Revocation;
import dev.cinema.security.revocation.RevocationList;
import dev.cinema.security.revocation.RevocationSource;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The revocations, kept in PostgreSQL (table {@code revocation}) beside the sessions they end: one is
 * recorded in the statement after the sign-out, before the sign-out answers, and every service reads
 * them from here ({@link RevocationController}). This instance applies its own at once; the other auth
 * instances read the table like any service reads the feed.
 */
@Component
public class Revocations implements RevocationSource {

    /** Tokens may be checked by a clock slightly ahead of ours; a revocation matters that much longer. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    /** A feed read returns at most this many; the reader asks again from the last one's time. */
    private static final int PAGE = 10_000;

    private final DatabaseClient db;
    private final RevocationList local;
    private final Duration keepFor;
    private final Clock clock;

    Revocations(DatabaseClient db, RevocationList local, AuthProperties properties, Clock clock) {
        this.db = db;
        this.local = local;
        this.keepFor = keepFor(properties);
        this.clock = clock;
    }

    /** How long a revocation matters: until every token it refuses has expired. */
    public static Duration keepFor(AuthProperties properties) {
        return properties.accessTokenTtl().plus(CLOCK_SKEW);
    }

    /*
     * Times are the database's (now()), never an instance's own clock: the feed's readers ask from
     * the time the last answer gave, and two auth instances' clocks may disagree by more than the
     * readers' overlap.
     */

    /** Every access token of these sessions is refused from now on. */
    public Mono<Void> sessions(Collection<UUID> sessionIds) {
        // one statement for all of them: signing out everywhere ends every session at once
        return db.sql("INSERT INTO revocation (at, session_id) SELECT now(), unnest(:sessions::uuid[])")
                .bind("sessions", sessionIds.toArray(UUID[]::new))
                .fetch().rowsUpdated()
                .then(Mono.fromRunnable(() -> applyHere(sessionIds.stream().map(id -> Revocation.session(clock.instant(), id)).toList())));
    }

    /** Every access token of the user with a version below {@code minVersion} is refused from now on. */
    public Mono<Void> userBelow(UUID userId, int minVersion) {
        return db.sql("INSERT INTO revocation (at, user_id, min_version) VALUES (now(), :user, :version)")
                .bind("user", userId).bind("version", minVersion)
                .fetch().rowsUpdated()
                .then(Mono.fromRunnable(() -> applyHere(List.of(Revocation.userBelow(clock.instant(), userId, minVersion)))));
    }

    /** What the feed serves: the revocations after {@code since} that still matter, oldest first. */
    @Override
    public Mono<RevocationBatch> since(Instant since) {
        return db.sql("SELECT now() AS now").map(row -> row.get("now", Instant.class)).one().flatMap(now -> {
            Instant oldestThatMatters = now.minus(keepFor);
            Instant from = since == null || since.isBefore(oldestThatMatters) ? oldestThatMatters : since;
            return db.sql("SELECT at, session_id, user_id, min_version FROM revocation WHERE at > :from ORDER BY at LIMIT :page")
                    .bind("from", from)
                    .bind("page", PAGE)
                    .map(Revocations::toRevocation)
                    .all()
                    .collectList()
                    // a full page: the reader goes on from the last one's time, not from now
                    .map(page -> new RevocationBatch(page.size() < PAGE ? now : page.getLast().at(), keepFor.toSeconds(), page));
        });
    }

    private void applyHere(List<Revocation> revocations) {
        local.apply(new RevocationBatch(clock.instant(), keepFor.toSeconds(), revocations));
    }

    private static Revocation toRevocation(Readable row) {
        Instant at = row.get("at", Instant.class);
        UUID session = row.get("session_id", UUID.class);
        return session != null ? Revocation.session(at, session)
                : Revocation.userBelow(at, row.get("user_id", UUID.class), row.get("min_version", Integer.class));
    }
}
