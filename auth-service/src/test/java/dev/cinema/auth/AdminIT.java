package dev.cinema.auth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@AuthIntegrationTest
class AdminIT {

    @Autowired
    WebTestClient client;
    AuthClient auth;
    String adminToken;

    @BeforeEach
    void setUp() {
        auth = new AuthClient(client);
        adminToken = (String) auth.tokens(AuthIntegrationTest.ADMIN_LOGIN, AuthIntegrationTest.ADMIN_PASSWORD).get("access_token");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFirstAdministratorComesFromTheEnvironment() {
        auth.get("/api/v1/auth/me", adminToken).expectStatus().isOk()
                .expectBody().jsonPath("$.roles").value(roles -> org.assertj.core.api.Assertions.assertThat((List<Object>) roles)
                        .containsExactlyInAnyOrder("USER", "ADMIN"));
    }

    @Test
    void anAdministratorListsUsersAndChangesRoles() {
        String login = AuthClient.uniqueLogin("promoted");
        String id = (String) auth.register(login, "correct horse battery").get("id");

        auth.get("/api/v1/admin/users?size=100", adminToken).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isNumber().jsonPath("$.items[0].login").exists();
        client.put().uri("/api/v1/admin/users/{id}/roles", id).header("Authorization", "Bearer " + adminToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("roles", List.of("USER", "ADMIN")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.roles.length()").isEqualTo(2);

        String promotedToken = (String) auth.tokens(login, "correct horse battery").get("access_token");
        auth.get("/api/v1/admin/users", promotedToken).expectStatus().isOk();
    }

    @Test
    void anOrdinaryUserIsForbidden() {
        String login = AuthClient.uniqueLogin("plain");
        auth.register(login, "correct horse battery");
        String token = (String) auth.tokens(login, "correct horse battery").get("access_token");

        auth.get("/api/v1/admin/users", token).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void badRoleChangesAre4xx() {
        client.put().uri("/api/v1/admin/users/{id}/roles", UUID.randomUUID()).header("Authorization", "Bearer " + adminToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("roles", List.of("USER")))
                .exchange().expectStatus().isNotFound();
        client.put().uri("/api/v1/admin/users/{id}/roles", UUID.randomUUID()).header("Authorization", "Bearer " + adminToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("roles", List.of("EMPEROR")))
                .exchange().expectStatus().isBadRequest();
        client.put().uri("/api/v1/admin/users/{id}/roles", UUID.randomUUID()).header("Authorization", "Bearer " + adminToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("roles", List.of()))
                .exchange().expectStatus().isBadRequest();
        client.put().uri("/api/v1/admin/users/not-a-uuid/roles").header("Authorization", "Bearer " + adminToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("roles", List.of("USER")))
                .exchange().expectStatus().isBadRequest();
    }
}
