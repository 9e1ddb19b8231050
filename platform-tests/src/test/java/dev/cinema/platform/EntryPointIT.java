package dev.cinema.platform;

import dev.cinema.platform.Http.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** nginx on :8080 as the one entry point: each route reaches its service, and nginx's own rules hold. */
@ExtendWith(Platform.class)
class EntryPointIT {

    private static final String SECURITY_HEADERS_CSP = "default-src 'self'";
    // nginx's own 429, told apart from auth-service's (whose detail names the sign-in attempts)
    private static final String NGINX_LIMIT_DETAIL = "Too many requests in a short time";
    // local_run.sh's defaults: writes per viewer
    private static final int WRITE_RATE = 50;
    private static final int WRITE_BURST = 100;

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
        List<Answer> limited = answers.stream().filter(answer -> answer.status() == 429 && answer.body().contains(NGINX_LIMIT_DETAIL)).toList();

        assertThat(seconds).as("the 50 logins went out within a second").isLessThan(1.0);
        // nginx lets through the burst (20) plus the rate (10/s) over the time the burst took
        assertThat(limited.size()).as("logins refused by nginx").isGreaterThanOrEqualTo(50 - 20 - 1 - (int) Math.ceil(10 * seconds));
        for (Answer answer : limited) {
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.json().get("status").asInt()).isEqualTo(429);
            assertThat(answer.header("Retry-After")).isEqualTo("1");
            assertSecurityHeaders(answer, "a login's 429");
        }
        assertThat(answers).filteredOn(answer -> !limited.contains(answer)).extracting(Answer::status).allMatch(status -> status == 401 || status == 429);
    }

    @Test
    void aViewerOverTheWriteLimitGets429ProblemsWhileAnotherViewerWritingAtTheSameTimeDoesNot() {
        String flooding = Http.newViewer();
        String other = Http.newViewer();
        List<String> films = Catalog.films(20);
        int writes = 3 * WRITE_BURST;
        long[] sentAt = new long[writes];
        long[] answeredAt = new long[writes];
        List<CompletableFuture<Answer>> flood = new ArrayList<>();
        List<Integer> others;
        var release = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writes; i++) {
                int write = i;
                // released at once, each on a connection of its own: past the burst nginx refuses them, whatever it delays
                flood.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    sentAt[write] = System.nanoTime();
                    Answer answer = Http.like(films.get(write % films.size()), flooding);
                    answeredAt[write] = System.nanoTime();
                    return answer;
                }, pool));
            }
            release.countDown();
            others = films.subList(0, 10).stream().map(film -> Http.like(film, other).status()).toList();
        }
        double seconds = (Arrays.stream(sentAt).max().orElseThrow() - Arrays.stream(sentAt).min().orElseThrow()) / 1e9;
        // every write reached nginx between the first send and the last answer: the rate's allowance is
        // counted over that window, however slowly the machine opened the connections
        double window = (Arrays.stream(answeredAt).max().orElseThrow() - Arrays.stream(sentAt).min().orElseThrow()) / 1e9;
        List<Answer> answers = flood.stream().map(CompletableFuture::join).toList();
        List<Answer> limited = answers.stream().filter(answer -> answer.status() == 429).toList();

        assertThat(seconds).as("the flooding viewer's writes went out within a second").isLessThan(1.0);
        // nginx lets through the burst plus the rate over the window
        assertThat(limited.size()).as("the flooding viewer's writes refused by nginx, of " + writes + " in " + window + " s")
                .isGreaterThanOrEqualTo(writes - WRITE_BURST - 1 - (int) Math.ceil(WRITE_RATE * window)).isPositive();
        for (Answer answer : limited) {
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.body()).contains(NGINX_LIMIT_DETAIL);
            assertThat(answer.header("Retry-After")).isEqualTo("1");
            assertSecurityHeaders(answer, "a write's 429");
        }
        // a document many writes changed at once may be a 503 of ugc-service's own
        assertThat(answers).extracting(Answer::status).allMatch(status -> status == 200 || status == 429 || status == 503);
        assertThat(others).as("the other viewer's likes, sent meanwhile").containsOnly(200);
    }

    @Test
    void nginxsOwnErrorPagesCarryTheSecurityHeaders() {
        Answer notFound = Http.get("/api/v1/no-such-thing", null);
        Answer tooLarge = Http.send(Http.request("/api/v1/reactions/" + UUID.randomUUID()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build());
        Answer unreadable = Http.send(Http.request("/api/v1/genres").header("X-Big", "b".repeat(20_000)).GET().build()); // past nginx's buffers
        Answer notAllowed = Http.send(Http.request("/api/v1/genres").method("TRACE", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(notAllowed.status()).isEqualTo(405);
        for (Answer answer : List.of(notFound, tooLarge, unreadable, notAllowed)) {
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertSecurityHeaders(answer, "a " + answer.status());
            assertThat(answer.header("Strict-Transport-Security")).as("HSTS over plain http").isNull();
        }
    }

    /**
     * A second nginx from the same template, started alone by {@code local_run.sh start nginx} with
     * {@code NGINX_TLS=self-signed} in a state folder of its own, in front of this platform's
     * services (and of a recsys-service address where nothing listens, for nginx's 503), with this
     * machine as its trusted load balancer.
     */
    @Test
    void overTlsEveryAnswerCarriesStrictTransportSecurityAndPlainHttpNone(@TempDir Path state, @TempDir Path unprivileged) throws Exception {
        int plainPort = freePort();
        int tlsPort = freePort();
        Map<String, String> tls = Map.of("LOCAL_RUN_DIR", state.toString(), "CINEMA_UNPRIVILEGED_DIR", unprivileged.toString(),
                "NGINX_TLS", "self-signed", "NGINX_PORT", String.valueOf(plainPort), "NGINX_TLS_PORT", String.valueOf(tlsPort),
                "RECSYS_PORT", String.valueOf(freePort()), "NGINX_TRUSTED_PROXIES", "127.0.0.1/32");
        LocalRun.runIn(Platform.ROOT, tls, "start", "nginx");
        try (HttpClient client = HttpClient.newBuilder().sslContext(trusting(state.resolve("tls/cert.pem"))).connectTimeout(Duration.ofSeconds(5)).build()) {
            Answer genres = send(client, "https://127.0.0.1:" + tlsPort + "/api/v1/genres");
            Answer unavailable = send(client, "https://127.0.0.1:" + tlsPort + "/api/v1/recommendations/me");
            Answer plain = send(client, "http://127.0.0.1:" + plainPort + "/api/v1/genres");
            // a load balancer that ended TLS itself says so, and is believed
            Answer behindBalancer = Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + "/api/v1/genres"))
                    .header("X-Forwarded-Proto", "https").build());

            assertThat(genres.status()).isEqualTo(200);
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.contentType()).isEqualTo("application/problem+json");
            assertThat(unavailable.header("Retry-After")).isEqualTo("5");
            for (Answer answer : List.of(genres, unavailable)) {
                assertSecurityHeaders(answer, "a " + answer.status() + " over TLS");
                assertThat(answer.response().headers().allValues("Strict-Transport-Security")).as("HSTS on a " + answer.status())
                        .containsExactly("max-age=31536000; includeSubDomains");
            }
            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.header("Strict-Transport-Security")).as("HSTS over plain http").isNull();
            assertThat(behindBalancer.header("Strict-Transport-Security")).as("HSTS behind a balancer ending TLS").isNotNull();
            assertThat(Files.getPosixFilePermissions(state.resolve("tls/key.pem"))).as("the key's mode")
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        } finally {
            LocalRun.runIn(Platform.ROOT, tls, "stop", "nginx");
        }
    }

    /**
     * The address nginx sends the services (X-Forwarded-For) and logs is the one it saw: a client's
     * own X-Forwarded-For chooses nothing unless it comes from a load balancer of NGINX_TRUSTED_PROXIES
     * (none here; the TLS nginx above trusts this machine, and logs the client its balancer names).
     */
    @Test
    void aClientsOwnForwardedForIsNotBelievedFromAnUntrustedAddress(@TempDir Path state, @TempDir Path unprivileged) throws Exception {
        String untrusted = "forwarded-test-" + UUID.randomUUID();
        Http.send(Http.request("/api/v1/genres").header("X-Forwarded-For", "203.0.113.9").header("X-Request-Id", untrusted).GET().build());

        int port = freePort();
        Map<String, String> behindBalancer = Map.of("LOCAL_RUN_DIR", state.toString(), "CINEMA_UNPRIVILEGED_DIR", unprivileged.toString(),
                "NGINX_PORT", String.valueOf(port), "NGINX_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1");
        LocalRun.runIn(Platform.ROOT, behindBalancer, "start", "nginx");
        String trusted = "forwarded-test-" + UUID.randomUUID();
        try {
            Http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/genres"))
                    .header("X-Forwarded-For", "198.51.100.7, 203.0.113.9").header("X-Request-Id", trusted).build());
        } finally {
            LocalRun.runIn(Platform.ROOT, behindBalancer, "stop", "nginx");
        }

        assumeTrue(Files.isRegularFile(Platform.LOGS.resolve("nginx-access.log")), "the platform's logs are not on this machine");
        assertThat(accessLogLine(Platform.LOGS, untrusted)).as("the platform's nginx, trusting no balancer").startsWith("127.0.0.1 ");
        // the last address before the trusted hops: the client the balancer saw
        assertThat(accessLogLine(state.resolve("logs"), trusted)).as("an nginx trusting this machine").startsWith("203.0.113.9 ");
    }

    private static String accessLogLine(Path logs, String requestId) throws IOException {
        return Files.readAllLines(logs.resolve("nginx-access.log")).stream().filter(line -> line.contains("id=" + requestId)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for request " + requestId + " in " + logs));
    }

    /**
     * Every part local_run.sh started listens on loopback alone but nginx, the way in, which listens
     * on every interface. What listens is asked of {@code ss -ltnp}, its processes matched to the
     * parts' PID files and their children, and its ports to the parts' own (PostgreSQL's server
     * leaves its launcher's process tree).
     */
    @Test
    void thePartsBehindNginxListenOnLoopbackAloneAndNginxOnEveryInterface() throws Exception {
        assumeTrue(Files.isRegularFile(Platform.LOCAL.resolve("run/nginx.pid")), "the platform was not started by local_run.sh here");
        Map<Long, String> partOfProcess = new HashMap<>();
        for (String part : List.of("postgres", "kafka", "elasticsearch", "mongo", "redis", "auth-service", "ugc-service", "async-api",
                "recsys-service", "nginx")) {
            if (Files.isRegularFile(Platform.LOCAL.resolve("run/" + part + ".pid"))) {
                ProcessHandle.of(LocalRun.pid(part)).ifPresent(process -> {
                    partOfProcess.put(process.pid(), part);
                    process.descendants().forEach(child -> partOfProcess.put(child.pid(), part));
                });
            }
        }
        Process ss;
        try {
            ss = new ProcessBuilder("ss", "-Hltnp").redirectErrorStream(true).start();
        } catch (IOException noSs) {
            assumeTrue(false, "needs ss (Debian: iproute2)");
            return;
        }
        String listening = new String(ss.getInputStream().readAllBytes());
        assertThat(ss.waitFor()).isZero();

        Map<String, Set<String>> addressesOfPart = new TreeMap<>();
        Map<String, String> partOfPort = Map.of(port("POSTGRES_PORT", 15432), "postgres", port("KAFKA_PORT", 19092), "kafka",
                port("ELASTICSEARCH_PORT", 19200), "elasticsearch", port("MONGO_PORT", 27018), "mongo", port("REDIS_PORT", 16379), "redis",
                port("AUTH_PORT", 8081), "auth-service", port("UGC_PORT", 8082), "ugc-service", port("ASYNC_API_PORT", 8083), "async-api",
                port("RECSYS_PORT", 8084), "recsys-service");
        Matcher owner = Pattern.compile("pid=(\\d+)").matcher("");
        for (String line : listening.lines().toList()) {
            String address = line.trim().split("\\s+")[3];
            String part = partOfPort.get(address.substring(address.lastIndexOf(':') + 1));
            if (part != null) {
                addressesOfPart.computeIfAbsent(part, key -> new TreeSet<>()).add(address);
            }
            owner.reset(line);
            while (owner.find()) {
                String owning = partOfProcess.get(Long.parseLong(owner.group(1)));
                if (owning != null) {
                    addressesOfPart.computeIfAbsent(owning, key -> new TreeSet<>()).add(address);
                }
            }
        }
        Report.line("listening: %s", addressesOfPart);
        assertThat(addressesOfPart).as("the parts listening").containsKeys("nginx", "auth-service", "ugc-service", "async-api", "recsys-service",
                "postgres", "kafka", "elasticsearch", "mongo", "redis");
        addressesOfPart.forEach((part, addresses) -> {
            if (part.equals("nginx")) {
                assertThat(addresses).as("nginx's addresses").contains("0.0.0.0:" + Platform.URL.getPort());
            } else {
                assertThat(addresses).as(part + "'s addresses").allMatch(address -> address.startsWith("127.0.0.1:") || address.startsWith("[::1]:")
                        || address.startsWith("[::ffff:127.0.0.1]:"));
            }
        });
    }

    /** A part's port as local_run.sh reads it: its variable, else the default. */
    private static String port(String variable, int port) {
        return Objects.requireNonNullElse(System.getenv(variable), String.valueOf(port));
    }

    /** The headers every answer of nginx carries, each once; Strict-Transport-Security is checked apart (https only). */
    private static void assertSecurityHeaders(Answer answer, String what) {
        HttpHeaders headers = answer.response().headers();
        assertThat(headers.allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
        assertThat(headers.allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(headers.allValues("Referrer-Policy")).as(what).containsExactly("no-referrer");
        assertThat(headers.allValues("Permissions-Policy")).as(what).hasSize(1);
        assertThat(headers.allValues("Cross-Origin-Opener-Policy")).as(what).containsExactly("same-origin");
        assertThat(headers.allValues("Content-Security-Policy")).as(what).singleElement().asString().contains(SECURITY_HEADERS_CSP);
        assertThat(headers.allValues("X-Request-Id")).as(what).hasSize(1);
    }

    private static Answer send(HttpClient client, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
    }

    /** TLS trusting this one certificate alone (curl --cacert, not -k: the host name is checked too). */
    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
