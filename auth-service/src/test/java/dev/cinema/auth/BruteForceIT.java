package dev.cinema.auth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The context allows 3 free failures per login and address, 8 per login, and 20 attempts per minute per address. */
@AuthIntegrationTest
class BruteForceIT {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    WebTestClient client;
    @LocalServerPort
    int port;
    AuthClient auth;

    @BeforeEach
    void setUp() {
        auth = new AuthClient(client);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String login = AuthClient.uniqueLogin("locked");
        auth.register(login, PASSWORD);
        for (int i = 0; i < 3; i++) {
            auth.login(login, "wrong password " + i).expectStatus().isUnauthorized();
        }

        auth.login(login, PASSWORD).expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
    }

    @Test
    void anUnknownLoginLocksLikeARealOneSoLockingRevealsNothing() {
        String known = AuthClient.uniqueLogin("known");
        auth.register(known, PASSWORD);
        String unknown = AuthClient.uniqueLogin("unknown");
        for (int i = 0; i < 3; i++) {
            auth.login(known, "wrong password " + i).expectStatus().isUnauthorized();
            auth.login(unknown, "wrong password " + i).expectStatus().isUnauthorized();
        }

        var forKnown = auth.login(known, "again wrong").expectStatus().isEqualTo(429)
                .expectBody(AuthClient.json()).returnResult().getResponseBody();
        var forUnknown = auth.login(unknown, "again wrong").expectStatus().isEqualTo(429)
                .expectBody(AuthClient.json()).returnResult().getResponseBody();
        assertThat(forKnown.get("type")).isEqualTo(forUnknown.get("type"));
    }

    @Test
    void aSuccessBeforeTheLimitClearsTheFailures() {
        String login = AuthClient.uniqueLogin("reset");
        auth.register(login, PASSWORD);
        auth.login(login, "wrong 1").expectStatus().isUnauthorized();
        auth.login(login, "wrong 2").expectStatus().isUnauthorized();
        auth.login(login, PASSWORD).expectStatus().isOk();

        auth.login(login, "wrong 3").expectStatus().isUnauthorized();
        auth.login(login, "wrong 4").expectStatus().isUnauthorized();
        auth.login(login, PASSWORD).expectStatus().isOk();
    }

    @Test
    void oneAddressIsLimitedAcrossLogins() {
        AuthClient.SprayedLogins sprayed = AuthClient.sprayLogins(client, 25, i -> auth.address());

        assertThat(sprayed.answered()).isEqualTo(20);
        assertThat(sprayed.limited()).isEqualTo(5);
        // Another address is not affected.
        new AuthClient(client).login(AuthClient.uniqueLogin("other"), "some password").expectStatus().isUnauthorized();
    }

    @Test
    void fiftyWrongPasswordsSentAtOnceLockAsManyAsSentOneAfterAnother() {
        String sequential = AuthClient.uniqueLogin("one-by-one");
        auth.register(sequential, PASSWORD);
        AuthClient oneByOne = new AuthClient(client);
        List<Integer> inTurn = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inTurn.add(oneByOne.login(sequential, "wrong " + i).returnResult(Void.class).getStatus().value());
        }
        String parallel = AuthClient.uniqueLogin("all-at-once");
        auth.register(parallel, PASSWORD);
        AuthClient atOnce = new AuthClient(client);
        WebClient concurrent = WebClient.create("http://127.0.0.1:" + port);

        List<Integer> together = Flux.range(0, 50)
                .flatMap(i -> concurrent.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .header("X-Forwarded-For", atOnce.address())
                        .bodyValue(Map.of("login", parallel, "password", "wrong " + i))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 50)
                .collectList().block(Duration.ofMinutes(2));

        assertThat(Collections.frequency(inTurn, 401)).as("checked one after another").isEqualTo(3);
        assertThat(Collections.frequency(together, 401)).as("checked at once").isEqualTo(Collections.frequency(inTurn, 401));
        assertThat(Collections.frequency(together, 429)).isEqualTo(47);
        atOnce.login(parallel, PASSWORD).expectStatus().isEqualTo(429);
    }

    @Test
    void anAddressThatLockedALoginDoesNotLockItsOwnerOutFromAnother() {
        String login = AuthClient.uniqueLogin("targeted");
        auth.register(login, PASSWORD);
        AuthClient attacker = new AuthClient(client);
        for (int i = 0; i < 3; i++) {
            attacker.login(login, "guess " + i).expectStatus().isUnauthorized();
        }
        attacker.login(login, PASSWORD).expectStatus().isEqualTo(429);

        new AuthClient(client).login(login, PASSWORD).expectStatus().isOk();
        // and the owner's sign-in does not give the attacker's address fresh attempts
        attacker.login(login, "guess again").expectStatus().isEqualTo(429);
    }

    @Test
    void failuresFromManyAddressesLockTheLoginEverywhereAfterTheSlowerCount() {
        String login = AuthClient.uniqueLogin("sprayed");
        auth.register(login, PASSWORD);
        for (int i = 0; i < AuthIntegrationTest.LOGIN_FREE_ATTEMPTS; i++) {
            new AuthClient(client).login(login, "guess " + i).expectStatus().isUnauthorized();
        }

        new AuthClient(client).login(login, PASSWORD).expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
    }
}
