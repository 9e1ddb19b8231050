package dev.cinema.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A session ends AUTH_SESSION_MAX_AGE after its sign-in, however often it was refreshed. */
@AuthIntegrationTest
class SessionMaxAgeIT {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    WebTestClient client;
    @Autowired
    DatabaseClient db;
    @Autowired
    AuthProperties properties;

    @Test
    void refreshingNearTheSessionsEndGivesATokenThatEndsWithItAndNothingAfter() {
        AuthClient auth = new AuthClient(client);
        String login = AuthClient.uniqueLogin("long-session");
        auth.register(login, PASSWORD);
        Map<String, Object> tokens = auth.tokens(login, PASSWORD);
        assertThat(((Number) tokens.get("refresh_expires_in")).longValue()).isEqualTo(properties.refreshTokenTtl().toSeconds());
        // the sign-in moved back to ten seconds before the session's end (time enough for the refresh below)
        Instant end = Instant.now().plusSeconds(10);
        db.sql("UPDATE refresh_token SET session_started = :started WHERE user_id = (SELECT id FROM app_user WHERE login = :login)")
                .bind("started", end.minus(properties.sessionMaxAge()))
                .bind("login", login)
                .fetch().rowsUpdated().block();

        Map<String, Object> refreshed = auth.refresh((String) tokens.get("refresh_token")).expectStatus().isOk()
                .expectBody(AuthClient.json()).returnResult().getResponseBody();
        assertThat(((Number) refreshed.get("refresh_expires_in")).longValue()).isBetween(0L, 10L);

        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(end.plusMillis(500)));
        auth.refresh((String) refreshed.get("refresh_token")).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("refresh-token-expired"));
    }
}
