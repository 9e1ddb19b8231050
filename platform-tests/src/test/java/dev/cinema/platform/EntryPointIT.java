package dev.cinema.platform;

import dev.cinema.platform.Http.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** nginx on :8080 as the one entry point: each route reaches its service, and nginx's own rules hold. */
@ExtendWith(Platform.class)
class EntryPointIT {

    private static final String SECURITY_HEADERS_CSP = "default-src 'self'";

    @Test
    void eachRouteReachesItsService() {
        String token = Http.newViewer();
        String film = Http.get("/api/v1/films?size=1", null).json().get("items").get(0).get("id").asString();

        // auth-service
        assertThat(Http.get("/.well-known/jwks.json", null).json().get("keys").get(0).get("kty").asString()).isEqualTo("RSA");
        assertThat(Http.get("/api/v1/auth/me", token).json().get("login").asString()).startsWith("viewer-");
        // async-api
        assertThat(Http.get("/api/v1/films/" + film, null).json().get("id").asString()).isEqualTo(film);
        assertThat(Http.get("/api/v1/genres", null).status()).isEqualTo(200);
        assertThat(Http.get("/api/v1/persons/search?query=a", null).status()).isEqualTo(200);
        assertThat(Http.get("/api/v1/feed?size=3", token).json().get("items").size()).isEqualTo(3);
        // ugc-service
        assertThat(Http.send(Http.request("/api/v1/reactions/" + film).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"LIKE\"}")).build())
                .json().get("value").asString()).isEqualTo("LIKE");
        assertThat(Http.get("/api/v1/reactions", token).json().get("total").asInt()).isEqualTo(1);
        assertThat(Http.get("/api/v1/exclusions", token).json().get("total").asInt()).isZero();
        assertThat(Http.get("/api/v1/films/" + film + "/stats", null).json().has("likes")).isTrue();
        assertThat(Http.post("/api/v1/films/" + film + "/more-like-this", null, token).status()).isEqualTo(202);
        // recsys-service
        assertThat(Http.get("/api/v1/recommendations/me", token).json().has("hiddenFilmIds")).isTrue();
    }

    @Test
    void anUnknownApiPathIsA404ProblemFromNginxNotTheWebPage() {
        Answer answer = Http.get("/api/v1/no-such-thing", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(404);
        assertThat(Http.get("/some/page/of/the/app", null).body()).contains("<title>Cinema</title>");
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        Answer answer = Http.send(Http.request("/api/v1/reactions/" + UUID.randomUUID()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + "x".repeat(100_000) + "\"}")).build());

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void everyAnswerHasItsSecurityHeadersOnceAndItsRequestId() {
        for (String path : List.of("/", "/api/v1/genres", "/api/v1/reactions", "/api/v1/nothing")) {
            Answer answer = Http.send(Http.request(path).header("X-Request-Id", "entry-point-test-1").GET().build());
            assertThat(answer.response().headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
            assertThat(answer.response().headers().allValues("X-Frame-Options")).as(path).containsExactly("DENY");
            assertThat(answer.response().headers().allValues("X-Request-Id")).as(path).containsExactly("entry-point-test-1");
            assertThat(answer.header("Content-Security-Policy")).as(path).contains(SECURITY_HEADERS_CSP);
        }
        Answer forged = Http.send(Http.request("/api/v1/genres").header("X-Request-Id", "bad id\"}{").GET().build());
        assertThat(forged.header("X-Request-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void theRequestIdReachesTheServiceAndIsInItsLog() throws Exception {
        String id = "log-check-" + UUID.randomUUID();
        Answer answer = Http.send(Http.request("/api/v1/films/not-a-film-id").header("X-Request-Id", id).GET().build());
        assertThat(answer.status()).isEqualTo(400);

        Path log = Platform.LOGS.resolve("async-api.log");
        assumeTrue(Files.isRegularFile(log), "the platform's logs are not on this machine");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Files.readString(log).contains(id) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(log)).contains("[request " + id + "]");
    }

    @Test
    void aBurstOfFiftyLoginsFromOneAddressGets429ProblemsBeyondTheRateAndBurst() throws Exception {
        Http.newViewer(); // (not the login below: a wrong password keeps auth-service's own lockout out of the way)
        String credentials = "{\"login\":\"nobody-" + UUID.randomUUID() + "\",\"password\":\"whatever-password\"}";
        Thread.sleep(2_500); // the registration above spent some of this address's allowance
        // 50 clients released at once; what counts is how long their requests took to go out
        List<CompletableFuture<Answer>> logins = new ArrayList<>();
        long[] sentAt = new long[50];
        var release = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                int client = i;
                logins.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    sentAt[client] = System.nanoTime();
                    return Http.post("/api/v1/auth/login", credentials, null);
                }, pool));
            }
            release.countDown();
        }
        double seconds = (Arrays.stream(sentAt).max().orElseThrow() - Arrays.stream(sentAt).min().orElseThrow()) / 1e9;
        List<Answer> answers = logins.stream().map(CompletableFuture::join).toList();
        List<Answer> limited = answers.stream().filter(answer -> answer.status() == 429 && answer.body().contains("from this address")).toList();

        assertThat(seconds).as("the 50 logins went out within a second").isLessThan(1.0);
        // nginx lets through the burst (20) plus the rate (10/s) over the time the burst took
        assertThat(limited.size()).as("logins refused by nginx").isGreaterThanOrEqualTo(50 - 20 - 1 - (int) Math.ceil(10 * seconds));
        for (Answer answer : limited) {
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.json().get("status").asInt()).isEqualTo(429);
            assertThat(answer.header("Retry-After")).isEqualTo("1");
        }
        assertThat(answers).filteredOn(answer -> !limited.contains(answer)).extracting(Answer::status).allMatch(status -> status == 401 || status == 429);
    }
}
