package dev.cinema.platform.soak;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

/** The viewers' HTTP calls through nginx, each one counted in {@link Requests}; no answer is an answer too. */
final class Client {

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final Requests requests;

    Client(URI base, Duration timeout, Requests requests) {
        // HTTP/1.1 as a browser speaks to nginx here; the default would offer an h2c upgrade on every request
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.base = base;
        this.timeout = timeout;
        this.requests = requests;
    }

    Answer get(String endpoint, String path, String token) {
        return send(endpoint, request(path, token).GET());
    }

    Answer put(String endpoint, String path, String json, String token) {
        return send(endpoint, request(path, token).header("Content-Type", "application/json")
                .PUT(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String endpoint, String path, String json, String token) {
        return send(endpoint, request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String endpoint, String path, String token) {
        return send(endpoint, request(path, token).DELETE());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Answer send(String endpoint, HttpRequest.Builder builder) {
        Instant sent = Instant.now();
        Answer answer;
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            answer = new Answer(endpoint, response.statusCode(), null, response.headers().firstValue("Retry-After").orElse(null),
                    response.body(), sent, Instant.now(), response.headers().firstValue("X-Request-Id").orElse(null));
        } catch (HttpTimeoutException timedOut) {
            answer = new Answer(endpoint, 0, "timeout", null, null, sent, Instant.now(), null);
        } catch (ConnectException refused) {
            answer = new Answer(endpoint, 0, "refused", null, null, sent, Instant.now(), null);
        } catch (IOException reset) {
            answer = new Answer(endpoint, 0, "reset", null, reset.toString(), sent, Instant.now(), null);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            answer = new Answer(endpoint, 0, "interrupted", null, null, sent, Instant.now(), null);
        }
        requests.record(answer);
        return answer;
    }
}
