package dev.cinema.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From a trusted proxy (the tests' loopback stands for nginx here) the client is the last
 * {@code X-Forwarded-For} entry, the one nginx wrote: what a client put before it picks neither its
 * login-limit bucket nor its login history's address. See {@link UntrustedPeerIT} for anyone else.
 */
@AuthIntegrationTest
class ClientAddressIT {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    WebTestClient client;

    private WebTestClient.ResponseSpec login(String login, String password, String forwardedFor) {
        return AuthClient.loginForwardedFor(client, forwardedFor, login, password);
    }

    private String lastSignInAddress(String login, String forwardedFor) {
        String access = (String) login(login, PASSWORD, forwardedFor).expectStatus().isOk()
                .expectBody(AuthClient.json()).returnResult().getResponseBody().get("access_token");
        return lastSignInAddress(client, access);
    }

    /** The address of the newest entry in the login history of the token's viewer. */
    @SuppressWarnings("unchecked")
    static String lastSignInAddress(WebTestClient client, String accessToken) {
        Map<String, Object> page = new AuthClient(client).get("/api/v1/auth/me/sessions?size=1", accessToken).expectStatus().isOk()
                .expectBody(AuthClient.json()).returnResult().getResponseBody();
        return (String) ((List<Map<String, Object>>) page.get("items")).getFirst().get("ip");
    }

    @Test
    void theHistoryShowsTheEntryNginxWroteNotTheOnesBeforeIt() {
        AuthClient auth = new AuthClient(client);
        String login = AuthClient.uniqueLogin("hops");
        auth.register(login, PASSWORD);

        assertThat(lastSignInAddress(login, "6.6.6.6, " + auth.address())).isEqualTo(auth.address());
        assertThat(lastSignInAddress(login, ("1.1.1.1, ".repeat(2_000)) + auth.address())).isEqualTo(auth.address());
    }

    @Test
    void entriesAClientPutsBeforeNginxsDoNotGiveItNewBuckets() {
        String address = new AuthClient(client).address();
        AuthClient.SprayedLogins sprayed = AuthClient.sprayLogins(client, 25, i -> "10.66." + i + ".1, " + address);

        // the context's 20 attempts per minute per address, all counted against nginx's entry
        assertThat(sprayed.answered()).isEqualTo(20);
        assertThat(sprayed.limited()).isEqualTo(5);
    }

    @Test
    void aLastEntryThatIsNoAddressIsIgnoredNeverAServerError() {
        AuthClient auth = new AuthClient(client);
        String login = AuthClient.uniqueLogin("garbage");
        auth.register(login, PASSWORD);

        for (String forwarded : new String[] {"x".repeat(200), "9".repeat(200), "::" + "f".repeat(200), "10.1.2.3, <script>",
                "10.1.2.3, 999.1.1.1", "10.1.2.3,", ", , ,", "fe80::1%eth0"}) {
            // the connection's address (loopback) stands
            assertThat(lastSignInAddress(login, forwarded)).as(forwarded).isEqualTo("127.0.0.1");
        }
    }
}
