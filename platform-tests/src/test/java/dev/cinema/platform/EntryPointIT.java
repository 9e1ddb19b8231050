package dev.cinema.platform;

import dev.cinema.platform.Http.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
    void noActuatorEndpointIsReachableThroughNginx() {
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/metrics",
                "/actuator/prometheus", "/actuator/env", "/api/v1/genres/../../actuator/metrics")) {
            Answer answer = Http.get(path, null);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).isEqualTo("application/problem+json");
        }
    }

    /**
     * From an address of its own, so that the per-address allowance it spends is nobody else's: a login's
     * history shows nginx's view of the client whatever X-Forwarded-For said (a 200-character one, thousands
     * of entries and garbage included: never a 500), and spoofed addresses give no new attempts at
     * auth-service's limit, paced under nginx's own rate so that nginx refuses none of them.
     */
    @Test
    void aSpoofedForwardedForMovesNeitherTheLoginLimitNorTheLoginHistory() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        InetAddress address = InetAddress.getByAddress(new byte[] {127, (byte) random.nextInt(1, 255), (byte) random.nextInt(256), (byte) random.nextInt(1, 255)});
        HttpClient client = Http.from(address);
        String login = "spoofer-" + UUID.randomUUID().toString().substring(0, 12);
        String credentials = "{\"login\":\"" + login + "\",\"password\":\"journey-password-1\"}";
        assertThat(Http.send(client, loginRequest("/api/v1/auth/register", credentials, null)).status()).isEqualTo(201);
        int limit = Integer.parseInt(System.getenv().getOrDefault("AUTH_IP_ATTEMPTS_PER_MINUTE", "60"));
        AtomicInteger attempts = new AtomicInteger();

        String token = null;
        for (String forwarded : List.of("203.0.113.9", "7".repeat(200), "10.1.1.1, ".repeat(1_000) + "10.2.2.2", "<script>, ::1, ", "unknown")) {
            Answer answer = Http.send(client, loginRequest("/api/v1/auth/login", credentials, forwarded));
            attempts.incrementAndGet();
            assertThat(answer.status()).as(forwarded).isEqualTo(200);
            token = answer.json().get("access_token").asString();
        }
        Answer history = Http.get("/api/v1/auth/me/sessions?size=100", token);
        assertThat(history.json().get("items").valueStream().map(entry -> entry.get("ip").asString()))
                .hasSize(attempts.get()).containsOnly(address.getHostAddress());

        AtomicInteger limited = new AtomicInteger();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() -> {
            String stranger = "{\"login\":\"nobody-" + UUID.randomUUID() + "\",\"password\":\"whatever-password\"}";
            Answer answer = Http.send(client, loginRequest("/api/v1/auth/login", stranger, "10.99." + attempts.get() + ".1"));
            if (answer.status() == 429 && answer.body().contains("too-many-attempts-from-address")) {
                limited.incrementAndGet();
            } else {
                assertThat(answer.status()).isEqualTo(401);
                attempts.incrementAndGet();
            }
            return limited.get() > 0;
        });
        assertThat(attempts.get()).as("attempts auth-service took before its limit").isEqualTo(limit);
    }

    private static HttpRequest loginRequest(String path, String json, String forwardedFor) {
        HttpRequest.Builder request = Http.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
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
