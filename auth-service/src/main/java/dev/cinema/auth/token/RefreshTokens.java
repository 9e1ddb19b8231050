package dev.cinema.auth.token;

import dev.cinema.auth.AuthProperties;
import dev.cinema.auth.revocation.Revocations;
import dev.cinema.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes. Each use spends the token and issues the
 * next of its family (one session); presenting a spent token again means a copy exists elsewhere, so
 * the whole family is revoked and its holder must sign in again. A session ends at most
 * {@code sessionMaxAge} after its sign-in: refreshing never takes a token past that.
 */
@Component
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;
    private final Revocations revocations;
    private final AuthProperties properties;
    private final Clock clock;

    RefreshTokens(DatabaseClient db, Revocations revocations, AuthProperties properties, Clock clock) {
        this.db = db;
        this.revocations = revocations;
        this.properties = properties;
        this.clock = clock;
    }

    /** One sign-in's chain of refresh tokens: its id is the access tokens' {@code sid}. */
    public record Session(UUID id, Instant started) {
    }

    /** The user and session a refresh token belonged to when it was spent. */
    public record Spent(UUID userId, Session session) {
    }

    /** A refresh token just made, and how long it works. */
    public record Issued(String token, Duration lifetime) {
    }

    /** A new session (one sign-in) for the user. */
    public Session newSession() {
        return new Session(UUID.randomUUID(), clock.instant());
    }

    public Mono<Issued> issue(UUID userId, Session session) {
        String token = newToken();
        Instant now = clock.instant();
        Instant ttlEnd = now.plus(properties.refreshTokenTtl());
        Instant sessionEnd = session.started().plus(properties.sessionMaxAge());
        Instant expires = ttlEnd.isBefore(sessionEnd) ? ttlEnd : sessionEnd;
        return db.sql("INSERT INTO refresh_token (token_hash, family_id, user_id, issued_at, expires_at, session_started) "
                        + "VALUES (:hash, :family, :user, :now, :expires, :started)")
                .bind("hash", hash(token))
                .bind("family", session.id())
                .bind("user", userId)
                .bind("now", now)
                .bind("expires", expires)
                .bind("started", session.started())
                .fetch().rowsUpdated()
                .thenReturn(new Issued(token, Duration.between(now, expires)));
    }

    /**
     * Spends the token atomically: of two requests racing with the same token, one wins and the
     * other is treated as reuse.
     */
    public Mono<Spent> spend(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        return db.sql("UPDATE refresh_token SET spent_at = :now WHERE token_hash = :hash "
                        + "AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > :now "
                        // a token issued by a refresh that raced with the session's end is not revoked, but its
                        // elders are: the session stays ended
                        + "AND NOT EXISTS (SELECT 1 FROM refresh_token ended WHERE ended.family_id = refresh_token.family_id "
                        + "AND ended.revoked_at IS NOT NULL) "
                        + "RETURNING user_id, family_id, session_started")
                .bind("now", now)
                .bind("hash", hash)
                .map(row -> new Spent(row.get("user_id", UUID.class),
                        new Session(row.get("family_id", UUID.class), row.get("session_started", Instant.class))))
                .one()
                .switchIfEmpty(Mono.defer(() -> rejectUnusable(hash)));
    }

    private record Stored(UUID familyId, boolean usedBefore) {
    }

    private Mono<Spent> rejectUnusable(String hash) {
        return db.sql("SELECT family_id, spent_at, revoked_at FROM refresh_token WHERE token_hash = :hash")
                .bind("hash", hash)
                .map(row -> new Stored(row.get("family_id", UUID.class),
                        row.get("spent_at", Instant.class) != null || row.get("revoked_at", Instant.class) != null))
                .one()
                .flatMap(stored -> {
                    if (stored.usedBefore()) {
                        return revokeFamily(stored.familyId()).then(Mono.<Spent>error(new ApiProblem(HttpStatus.UNAUTHORIZED,
                                "refresh-token-reused", "This refresh token was already used; every session it belongs to is now signed out. Sign in again.")));
                    }
                    return Mono.<Spent>error(new ApiProblem(HttpStatus.UNAUTHORIZED, "refresh-token-expired",
                            "The refresh token has expired. Sign in again."));
                })
                .switchIfEmpty(Mono.error(new ApiProblem(HttpStatus.UNAUTHORIZED, "refresh-token-invalid",
                        "The refresh token is not valid. Sign in again.")));
    }

    /** Ends the session of the token, if the token is known; says nothing either way. */
    public Mono<Void> revokeFamilyOf(String token) {
        return db.sql("SELECT family_id FROM refresh_token WHERE token_hash = :hash")
                .bind("hash", hash(token))
                .map(row -> row.get("family_id", UUID.class))
                .one()
                .flatMap(this::revokeFamily);
    }

    /** Ends the session: its refresh tokens stop working, and its access tokens are revoked everywhere. */
    public Mono<Void> revokeFamily(UUID familyId) {
        return db.sql("UPDATE refresh_token SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
                .bind("now", clock.instant())
                .bind("family", familyId)
                .fetch().rowsUpdated()
                .then(revocations.sessions(List.of(familyId)));
    }

    /** Ends every session of the user; emits how many there were. */
    public Mono<Integer> revokeAllOf(UUID userId) {
        return db.sql("UPDATE refresh_token SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL RETURNING family_id")
                .bind("now", clock.instant())
                .bind("user", userId)
                .map(row -> row.get("family_id", UUID.class))
                .all()
                .collect(Collectors.toSet())
                .flatMap(sessions -> revocations.sessions(sessions).thenReturn(sessions.size()));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
