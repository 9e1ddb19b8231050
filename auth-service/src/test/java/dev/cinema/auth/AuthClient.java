package dev.cinema.auth;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The calls tests make over and over; each test uses its own client address (X-Forwarded-For). */
public final class AuthClient {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final WebTestClient client;
    private final String address;

    public AuthClient(WebTestClient client) {
        this.client = client;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    public static String uniqueLogin(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String address() {
        return address;
    }

    public Map<String, Object> register(String login, String password) {
        return client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("login", login, "password", password))
                .exchange().expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec login(String login, String password) {
        return client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", address)
                .header("User-Agent", "auth-tests/1.0")
                .bodyValue(Map.of("login", login, "password", password))
                .exchange();
    }

    /** A login whose X-Forwarded-For is the one given, not this client's own address. */
    public static WebTestClient.ResponseSpec loginForwardedFor(WebTestClient client, String forwardedFor, String login, String password) {
        return client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", forwardedFor)
                .bodyValue(Map.of("login", login, "password", password)).exchange();
    }

    /**
     * {@code attempts} logins, each of a login nobody has with a wrong password, the i-th from
     * {@code forwardedFor.apply(i)}: how many were answered 401 (checked), and how many 429 (limited).
     * Any other answer fails the test.
     */
    public static SprayedLogins sprayLogins(WebTestClient client, int attempts, IntFunction<String> forwardedFor) {
        int answered = 0;
        int limited = 0;
        for (int i = 0; i < attempts; i++) {
            int status = loginForwardedFor(client, forwardedFor.apply(i), uniqueLogin("spray"), "some password")
                    .returnResult(Void.class).getStatus().value();
            if (status == 429) {
                limited++;
            } else {
                assertThat(status).isEqualTo(401);
                answered++;
            }
        }
        return new SprayedLogins(answered, limited);
    }

    public record SprayedLogins(int answered, int limited) {
    }

    public Map<String, Object> tokens(String login, String password) {
        return login(login, password).expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec refresh(String refreshToken) {
        return client.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", refreshToken)).exchange();
    }

    public WebTestClient.ResponseSpec get(String path, String accessToken) {
        return client.get().uri(path).header("Authorization", "Bearer " + accessToken).exchange();
    }

    public static ParameterizedTypeReference<Map<String, Object>> json() {
        return JSON;
    }
}
