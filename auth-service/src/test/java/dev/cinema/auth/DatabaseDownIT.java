package dev.cinema.auth;

import dev.cinema.infra.PostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** PostgreSQL stopped: logins, registrations and the account page are 503 problems to retry, not 500s; back by themselves. */
@AuthIntegrationTest
class DatabaseDownIT {

    @Autowired
    WebTestClient client;

    @Test
    void withPostgresDownAccountsAre503WithRetryAfterAndWorkAgainOnceItIsBack(PostgresServer postgres) {
        AuthClient auth = new AuthClient(client);
        String login = AuthClient.uniqueLogin("outage");
        auth.register(login, "correct horse battery");
        String token = (String) auth.tokens(login, "correct horse battery").get("access_token");

        postgres.stop();
        try {
            expectRetryLater(auth.login(login, "correct horse battery"));
            expectRetryLater(client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("login", AuthClient.uniqueLogin("during"), "password", "correct horse battery")).exchange());
            expectRetryLater(auth.get("/api/v1/auth/me", token));
        } finally {
            postgres.start();
        }
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> auth.login(login, "correct horse battery").expectStatus().isOk());
    }

    private static void expectRetryLater(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "5");
    }
}
