package dev.cinema.platform;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Small HTTP calls through nginx, as a browser or curl would make them. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String contentType, String body, HttpResponse<String> response) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private Http() {
    }

    /**
     * A client whose connections come from {@code local}, another of this machine's addresses (all of
     * 127.0.0.0/8 is loopback): nginx and the services count it apart from every other test's.
     */
    static HttpClient from(InetAddress local) {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).localAddress(local).build();
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(Platform.URL + path)).timeout(Duration.ofSeconds(20));
    }

    static Answer send(HttpRequest request) {
        return send(CLIENT, request);
    }

    static Answer send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
        } catch (IOException failed) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    static Answer get(String path, String token) {
        HttpRequest.Builder request = request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static Answer post(String path, String json, String token) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    static Answer put(String path, String json, String token) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A like, as the page's button sends it. */
    static Answer like(String film, String token) {
        return put("/api/v1/reactions/" + film, "{\"value\":\"LIKE\"}", token);
    }

    /** A new viewer, registered and logged in: their access token. */
    static String newViewer() {
        return newSession().get("access_token").asString();
    }

    /** A new viewer, registered and logged in: the login's answer (access_token, refresh_token, ...). */
    static JsonNode newSession() {
        String login = "viewer-" + UUID.randomUUID().toString().substring(0, 12);
        String credentials = "{\"login\":\"" + login + "\",\"password\":\"journey-password-1\"}";
        Answer registered = postPaced("/api/v1/auth/register", credentials);
        if (registered.status() != 201) {
            throw new IllegalStateException("register: " + registered.status() + " " + registered.body());
        }
        Answer loggedIn = postPaced("/api/v1/auth/login", credentials);
        if (loggedIn.status() != 200) {
            throw new IllegalStateException("login: " + loggedIn.status() + " " + loggedIn.body());
        }
        return loggedIn.json();
    }

    /** A POST to an endpoint nginx limits per client (login, register): a 429 is waited out as its Retry-After says. */
    private static Answer postPaced(String path, String json) {
        for (int attempt = 1; ; attempt++) {
            Answer answer = post(path, json, null);
            if (answer.status() != 429 || attempt == 30) {
                return answer;
            }
            try {
                Thread.sleep(Duration.ofSeconds(Long.parseLong(answer.header("Retry-After"))));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }
}
