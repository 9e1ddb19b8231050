package dev.cinema.platform.replay;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * What a viewer's browser asks of the platform through nginx: register, log in, react to a film,
 * read the home feed. An answer that says to come back later (429 or 503 with {@code Retry-After})
 * is sent again after that long, a few times; any other failure ends the replay.
 */
public final class PlatformClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ATTEMPTS = 10;

    private final URI nginx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PlatformClient(URI nginx) {
        this.nginx = nginx;
    }

    /** Registers the account (an existing one is fine: the replay may run again) and logs in; returns the access token. */
    public String signIn(String login, String password) {
        String credentials = JSON.createObjectNode().put("login", login).put("password", password).toString();
        int registered = send(post("/api/v1/auth/register", credentials, null)).statusCode();
        if (registered != 201 && registered != 409) {
            throw new IllegalStateException("registering " + login + " answered " + registered);
        }
        HttpResponse<String> login200 = expect(200, post("/api/v1/auth/login", credentials, null), "logging in " + login);
        return JSON.readTree(login200.body()).path("access_token").asString();
    }

    public void react(String token, UUID film, String value) {
        HttpRequest request = request("/api/v1/reactions/" + film, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + value + "\"}")).build();
        expect(200, request, value + " of " + film);
    }

    /** The first {@code size} films of the home feed, in its order; anonymous when {@code token} is null. */
    public List<UUID> feed(String token, int size) {
        return films(expect(200, request("/api/v1/feed?size=" + size, token).GET().build(), "the feed"), "id");
    }

    /** The first {@code size} of the viewer's stored recommendations, best first, as recsys-service serves them. */
    public List<UUID> recommendations(String token, int size) {
        return films(expect(200, request("/api/v1/recommendations/me?size=" + size, token).GET().build(), "the recommendations"), "filmId");
    }

    private static List<UUID> films(HttpResponse<String> answer, String idField) {
        List<UUID> films = new ArrayList<>();
        for (JsonNode item : JSON.readTree(answer.body()).path("items")) {
            films.add(UUID.fromString(item.path(idField).asString()));
        }
        return films;
    }

    private HttpRequest post(String path, String json, String token) {
        return request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(nginx.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> expect(int status, HttpRequest request, String what) {
        HttpResponse<String> answer = send(request);
        if (answer.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    private HttpResponse<String> send(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> answer;
            try {
                answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException failed) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " failed", failed);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            String retryAfter = answer.headers().firstValue("Retry-After").orElse(null);
            boolean later = (answer.statusCode() == 429 || answer.statusCode() == 503) && retryAfter != null;
            if (!later || attempt == ATTEMPTS) {
                return answer;
            }
            LockSupport.parkNanos(Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim()))).toNanos());
        }
    }
}
