package dev.cinema.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that reaches auth-service without nginx (here: loopback, with only 198.51.100.0/24
 * trusted) writes {@code X-Forwarded-For} in vain: the limit and the history take the connection's
 * address. One test: every login here counts against the same address's minute.
 */
@AuthIntegrationTest
@TestPropertySource(properties = "cinema.forwarded.trusted-proxies=198.51.100.0/24")
class UntrustedPeerIT {

    private static final String PASSWORD = "correct horse battery";
    private static final int ATTEMPTS_PER_MINUTE = 20;

    @Autowired
    WebTestClient client;

    private WebTestClient.ResponseSpec login(String login, String password, String forwardedFor) {
        return AuthClient.loginForwardedFor(client, forwardedFor, login, password);
    }

    @Test
    void aSpoofedForwardedForMovesNeitherTheLimitNorTheHistory() {
        AuthClient auth = new AuthClient(client);
        String login = AuthClient.uniqueLogin("spoof");
        auth.register(login, PASSWORD);

        String access = (String) login(login, PASSWORD, "203.0.113.9").expectStatus().isOk()
                .expectBody(AuthClient.json()).returnResult().getResponseBody().get("access_token");
        assertThat(ClientAddressIT.lastSignInAddress(client, access)).isEqualTo("127.0.0.1");
        // 200 characters: no address, and no server error
        login(login, PASSWORD, "7".repeat(200)).expectStatus().isOk();

        AuthClient.SprayedLogins sprayed = AuthClient.sprayLogins(client, ATTEMPTS_PER_MINUTE + 5, i -> "10.77." + i + ".1");
        // every address the header named was the connection's: the two logins above and these share one minute
        assertThat(sprayed.answered()).isEqualTo(ATTEMPTS_PER_MINUTE - 2);
        assertThat(sprayed.limited()).isEqualTo(7);
    }
}
