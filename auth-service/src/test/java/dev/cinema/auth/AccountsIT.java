package dev.cinema.auth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class AccountsIT {

    @Autowired
    WebTestClient client;
    AuthClient auth;

    @BeforeEach
    void setUp() {
        auth = new AuthClient(client);
    }

    @Test
    void registrationCreatesAUserWithTheUserRole() {
        String login = AuthClient.uniqueLogin("reg");

        Map<String, Object> account = auth.register(login, "correct horse battery");

        assertThat(account).containsEntry("login", login).containsKeys("id", "created");
        assertThat(account.get("roles")).asList().containsExactly("USER");
    }

    @Test
    void aTakenLoginIsRejectedWith409WhateverItsCase() {
        String login = AuthClient.uniqueLogin("dup");
        auth.register(login, "correct horse battery");

        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("login", login.toUpperCase(), "password", "another password"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("taken"));
    }

    @Test
    void passwordPolicyViolationsAre400NamingTheRule() {
        String login = AuthClient.uniqueLogin("policy");
        expectBadPassword(login, "short", "8 to 128 characters");
        expectBadPassword(login, "x".repeat(129), "8 to 128 characters");
        expectBadPassword(login, login.toUpperCase(), "must not be the login");
    }

    private void expectBadPassword(String login, String password, String rule) {
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("login", login, "password", password))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(rule));
    }

    @Test
    void meShowsTheCallersAccount() {
        String login = AuthClient.uniqueLogin("me");
        auth.register(login, "correct horse battery");
        String access = (String) auth.tokens(login, "correct horse battery").get("access_token");

        auth.get("/api/v1/auth/me", access).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.login").isEqualTo(login)
                .jsonPath("$.roles[0]").isEqualTo("USER")
                .jsonPath("$.created").exists()
                .jsonPath("$.password_hash").doesNotExist()
                .jsonPath("$.passwordHash").doesNotExist();
    }

    @Test
    void meWithoutATokenIs401ProblemJson() {
        client.get().uri("/api/v1/auth/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void sessionsListEachSignInNewestFirstWithPaging() {
        String login = AuthClient.uniqueLogin("sessions");
        auth.register(login, "correct horse battery");
        auth.login(login, "wrong password!").expectStatus().isUnauthorized();
        auth.tokens(login, "correct horse battery");
        String access = (String) auth.tokens(login, "correct horse battery").get("access_token");

        auth.get("/api/v1/auth/me/sessions?page=0&size=2", access).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").isEqualTo(3)
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].success").isEqualTo(true)
                .jsonPath("$.items[0].ip").isEqualTo(auth.address())
                .jsonPath("$.items[0].userAgent").isEqualTo("auth-tests/1.0");
        auth.get("/api/v1/auth/me/sessions?page=1&size=2", access).expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].success").isEqualTo(false);
        auth.get("/api/v1/auth/me/sessions?size=0", access).expectStatus().isBadRequest();
    }
}
