package dev.cinema.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed requests are a 4xx problem+json, never a 500. */
@AuthIntegrationTest
class BadInputIT {

    @Autowired
    WebTestClient client;

    private WebTestClient.ResponseSpec post(String path, MediaType type, byte[] body) {
        return client.post().uri(path).contentType(type).header("X-Forwarded-For", "10.200.0.1").bodyValue(body).exchange();
    }

    private void expect4xxProblem(WebTestClient.ResponseSpec response, int status) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Exception").doesNotContain("at dev."));
    }

    @Test
    void aLoginWhoseForwardedAddressIsNoAddressIsNoServerError() {
        AuthClient auth = new AuthClient(client);
        String login = AuthClient.uniqueLogin("forwarded");
        auth.register(login, "correct horse battery");
        for (String forwarded : new String[] {"x".repeat(100), "1".repeat(100), "::" + "f".repeat(80)}) {
            client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).header("X-Forwarded-For", forwarded)
                    .bodyValue(java.util.Map.of("login", login, "password", "correct horse battery"))
                    .exchange().expectStatus().isOk();
        }
    }

    @Test
    void brokenJsonIs400() {
        for (String path : new String[] {"/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout"}) {
            expect4xxProblem(post(path, MediaType.APPLICATION_JSON, "{\"login\": ".getBytes(StandardCharsets.UTF_8)), 400);
            expect4xxProblem(post(path, MediaType.APPLICATION_JSON, "[1, 2]".getBytes(StandardCharsets.UTF_8)), 400);
            expect4xxProblem(post(path, MediaType.APPLICATION_JSON, "{}".getBytes(StandardCharsets.UTF_8)), 400);
        }
    }

    @Test
    void missingAndWronglyTypedFieldsAre400NamingTheField() {
        post("/api/v1/auth/register", MediaType.APPLICATION_JSON, "{\"login\": \"someone\"}".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.password").isEqualTo("is required");
        expect4xxProblem(post("/api/v1/auth/register", MediaType.APPLICATION_JSON,
                "{\"login\": {\"$gt\": \"\"}, \"password\": 12345678}".getBytes(StandardCharsets.UTF_8)), 400);
        post("/api/v1/auth/register", MediaType.APPLICATION_JSON,
                "{\"login\": \"bad login'; DROP TABLE app_user; --\", \"password\": \"12345678x\"}".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.login").exists();
    }

    @Test
    void aOneMegabyteBodyIs413() {
        byte[] huge = ("{\"login\": \"" + "a".repeat(1024 * 1024) + "\", \"password\": \"x\"}").getBytes(StandardCharsets.UTF_8);
        expect4xxProblem(post("/api/v1/auth/register", MediaType.APPLICATION_JSON, huge), 413);
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = {'{', '"', 'l', 'o', 'g', 'i', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        expect4xxProblem(post("/api/v1/auth/login", MediaType.APPLICATION_JSON, body), 400);
    }

    @Test
    void anotherContentTypeIs415() {
        expect4xxProblem(post("/api/v1/auth/login", MediaType.TEXT_PLAIN, "login=a&password=b".getBytes(StandardCharsets.UTF_8)), 415);
    }

    @Test
    void anUnknownPathAsksForATokenFirst() {
        client.get().uri("/api/v1/auth/nothing-here").exchange().expectStatus().isUnauthorized();
    }
}
