package dev.cinema.auth.token;

import dev.cinema.auth.AuthProperties;
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
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes. Each use spends the token and issues the
 * next of its family; presenting a spent token again means a copy exists elsewhere, so the whole
 * family is revoked and its holder must sign in again.
 */
@Component
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;
    private final AuthProperties properties;
    private final Clock clock;

    RefreshTokens(DatabaseClient db, AuthProperties properties, Clock clock) {
        this.db = db;
        this.properties = properties;
        this.clock = clock;
    }

    /** The user and family a refresh token belonged to when it was spent. */
    public record Spent(UUID userId, UUID familyId) {
    }

    /** Starts a new family (one login) for the user. */
    public Mono<String> issueNewFamily(UUID userId) {
        return issue(userId, UUID.randomUUID());
    }

    public Mono<String> issue(UUID userId, UUID familyId) {
        String token = newToken();
        Instant now = clock.instant();
        return db.sql("INSERT INTO refresh_token (token_hash, family_id, user_id, issued_at, expires_at) "
                        + "VALUES (:hash, :family, :user, :now, :expires)")
                .bind("hash", hash(token))
                .bind("family", familyId)
                .bind("user", userId)
                .bind("now", now)
                .bind("expires", now.plus(properties.refreshTokenTtl()))
                .fetch().rowsUpdated()
                .thenReturn(token);
    }

    /**
     * Spends the token atomically: of two requests racing with the same token, one wins and the
     * other is treated as reuse.
     */
    public Mono<Spent> spend(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        return db.sql("UPDATE refresh_token SET spent_at = :now WHERE token_hash = :hash "
                        + "AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > :now RETURNING user_id, family_id")
                .bind("now", now)
                .bind("hash", hash)
                .map(row -> new Spent(row.get("user_id", UUID.class), row.get("family_id", UUID.class)))
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

    /** Revokes the family of the token, if the token is known; says nothing either way. */
    public Mono<Void> revokeFamilyOf(String token) {
        return db.sql("UPDATE refresh_token SET revoked_at = :now WHERE revoked_at IS NULL AND family_id = "
                        + "(SELECT family_id FROM refresh_token WHERE token_hash = :hash)")
                .bind("now", clock.instant())
                .bind("hash", hash(token))
                .fetch().rowsUpdated()
                .then();
    }

    public Mono<Void> revokeFamily(UUID familyId) {
        return db.sql("UPDATE refresh_token SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
                .bind("now", clock.instant())
                .bind("family", familyId)
                .fetch().rowsUpdated()
                .then();
    }

    public Mono<Long> revokeAllOf(UUID userId) {
        return db.sql("UPDATE refresh_token SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .bind("now", clock.instant())
                .bind("user", userId)
                .fetch().rowsUpdated();
    }

    public long ttlSeconds() {
        return properties.refreshTokenTtl().toSeconds();
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
