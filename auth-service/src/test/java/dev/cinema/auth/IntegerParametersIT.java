package dev.cinema.auth;

import dev.cinema.web.IntegerExtremes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every integer parameter of auth-service, sent the integer extremes: a 400 naming its bounds, never a 500. */
@AuthIntegrationTest
class IntegerParametersIT {

    @Autowired
    WebTestClient client;

    private String tokenOf(String login, String password) {
        return (String) new AuthClient(client).tokens(login, password).get("access_token");
    }

    @Test
    void theUserListsPageAndSizeAreRangeChecked() {
        String admin = tokenOf(AuthIntegrationTest.ADMIN_LOGIN, AuthIntegrationTest.ADMIN_PASSWORD);

        IntegerExtremes.sentBy(client, admin)
                .assertBounded("/api/v1/admin/users", "page", 0, 100_000)
                .assertBounded("/api/v1/admin/users?page=0", "size", 1, 100);
    }

    @Test
    void theSessionListsPageAndSizeAreRangeChecked() {
        String login = AuthClient.uniqueLogin("extremes");
        new AuthClient(client).register(login, "correct horse battery");

        IntegerExtremes.sentBy(client, tokenOf(login, "correct horse battery"))
                .assertBounded("/api/v1/auth/me/sessions", "page", 0, 100_000)
                .assertBounded("/api/v1/auth/me/sessions?page=0", "size", 1, 100);
    }
}
