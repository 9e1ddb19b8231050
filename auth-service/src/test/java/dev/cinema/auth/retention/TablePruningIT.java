package dev.cinema.auth.retention;

import dev.cinema.auth.AuthClient;
import dev.cinema.auth.AuthIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refresh tokens expired longer ago than their retention (30 days, the tokens' life), sign-in
 * attempts older than 90 days and login throttles quiet for a day are pruned in the background;
 * younger rows are kept, and what they are kept for still works: a token inside its life refreshes,
 * reuse of a token spent inside the window revokes its family, a locked login stays locked.
 */
@AuthIntegrationTest
class TablePruningIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    AuthClient auth;
    String login;
    UUID user;

    @BeforeEach
    void setUp() {
        auth = new AuthClient(client);
        login = AuthClient.uniqueLogin("retention");
        user = UUID.fromString((String) auth.register(login, PASSWORD).get("id"));
    }

    @Test
    void rowsOlderThanTheirRetentionArePrunedBatchAfterBatchAndYoungerOnesKept() {
        Map<String, Double> prunedBefore = Map.of("refresh_token", pruned("refresh_token"), "login_event", pruned("login_event"),
                "login_throttle", pruned("login_throttle"));
        // more than two of the test's batches (100) per table: a pass goes on while its statements find a full batch
        List<String> expiredLongAgo = tokensExpiredAgo(Duration.ofDays(31), 250);
        List<String> expiredRecently = tokensExpiredAgo(Duration.ofDays(29), 10);
        List<Long> oldAttempts = attemptsAgo(Duration.ofDays(91), 250);
        List<Long> recentAttempts = attemptsAgo(Duration.ofDays(89), 10);
        List<String> quietForADay = throttlesFailedAgo(Duration.ofHours(25), 250);
        List<String> failedToday = throttlesFailedAgo(Duration.ofHours(23), 10);

        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(count("refresh_token", "token_hash", expiredLongAgo)).isZero();
            assertThat(count("login_event", "id", oldAttempts)).isZero();
            assertThat(count("login_throttle", "login", quietForADay)).isZero();
        });
        assertThat(count("refresh_token", "token_hash", expiredRecently)).isEqualTo(10);
        assertThat(count("login_event", "id", recentAttempts)).isEqualTo(10);
        assertThat(count("login_throttle", "login", failedToday)).isEqualTo(10);
        prunedBefore.forEach((table, before) -> assertThat(pruned(table) - before).as("pruned from " + table).isGreaterThanOrEqualTo(250));
    }

    @Test
    void aRefreshTokenIssuedLongAgoButInsideItsLifeStillRefreshes() {
        String token = (String) auth.tokens(login, PASSWORD).get("refresh_token");
        db.sql("UPDATE refresh_token SET issued_at = now() - interval '29 days', expires_at = now() + interval '1 day' "
                + "WHERE token_hash = :hash").bind("hash", hash(token)).fetch().rowsUpdated().block();
        awaitAPruneOfRefreshTokens();

        auth.refresh(token).expectStatus().isOk();
    }

    @Test
    void reuseOfATokenSpentInsideTheWindowIsStillDetectedAndSignsTheSessionOut() {
        String spent = (String) auth.tokens(login, PASSWORD).get("refresh_token");
        String next = (String) auth.refresh(spent).expectStatus().isOk().expectBody(AuthClient.json()).returnResult()
                .getResponseBody().get("refresh_token");
        // as 29 days on: the token was spent just before it expired, 28 days ago; the one it was exchanged for lives one more day
        db.sql("UPDATE refresh_token SET issued_at = now() - interval '58 days', spent_at = now() - interval '29 days', "
                + "expires_at = now() - interval '28 days' WHERE token_hash = :hash").bind("hash", hash(spent)).fetch().rowsUpdated().block();
        db.sql("UPDATE refresh_token SET issued_at = now() - interval '29 days', expires_at = now() + interval '1 day' "
                + "WHERE token_hash = :hash").bind("hash", hash(next)).fetch().rowsUpdated().block();
        awaitAPruneOfRefreshTokens();

        auth.refresh(spent).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("refresh-token-reused"));
        auth.refresh(next).expectStatus().isUnauthorized();
    }

    @Test
    void aLockedLoginStaysLockedThroughAPrune() {
        for (int i = 0; i < 3; i++) {
            auth.login(login, "wrong password " + i).expectStatus().isUnauthorized();
        }
        List<String> quiet = throttlesFailedAgo(Duration.ofDays(2), 1);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> count("login_throttle", "login", quiet) == 0);

        auth.login(login, PASSWORD).expectStatus().isEqualTo(429);
    }

    /** Returns once a pass has deleted a token expired longer ago than the retention, so it has seen every older row. */
    private void awaitAPruneOfRefreshTokens() {
        List<String> old = tokensExpiredAgo(Duration.ofDays(31), 1);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> count("refresh_token", "token_hash", old) == 0);
    }

    private List<String> tokensExpiredAgo(Duration age, int count) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(hash(UUID.randomUUID().toString()));
        }
        Instant expired = Instant.now().minus(age);
        db.sql("INSERT INTO refresh_token (token_hash, family_id, user_id, issued_at, expires_at, spent_at, session_started) "
                        + "SELECT unnest(:hashes), gen_random_uuid(), :user, :issued, :expired, :issued, :issued")
                .bind("hashes", hashes.toArray(String[]::new))
                .bind("user", user)
                .bind("issued", expired.minus(Duration.ofDays(30)))
                .bind("expired", expired)
                .fetch().rowsUpdated().block();
        return hashes;
    }

    private List<Long> attemptsAgo(Duration age, int count) {
        return db.sql("INSERT INTO login_event (user_id, at, ip, user_agent, success) "
                        + "SELECT :user, :at, '10.0.0.1', 'tests', true FROM generate_series(1, :count) RETURNING id")
                .bind("user", user)
                .bind("at", Instant.now().minus(age))
                .bind("count", count)
                .map(row -> row.get("id", Long.class))
                .all().collectList().block();
    }

    private List<String> throttlesFailedAgo(Duration age, int count) {
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            logins.add(AuthClient.uniqueLogin("quiet") + i);
        }
        db.sql("INSERT INTO login_throttle (login, failures, locked_until, updated) SELECT unnest(:logins), 5, :at, :at")
                .bind("logins", logins.toArray(String[]::new))
                .bind("at", Instant.now().minus(age))
                .fetch().rowsUpdated().block();
        return logins;
    }

    private long count(String table, String key, List<?> keys) {
        Object array = keys.getFirst() instanceof Long ? keys.toArray(Long[]::new) : keys.toArray(String[]::new);
        return db.sql("SELECT count(*) AS n FROM " + table + " WHERE " + key + " = ANY(:keys)").bind("keys", array)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private double pruned(String table) {
        return meters.get("auth.retention.pruned").tag("table", table).counter().count();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
