package dev.cinema.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public endpoint behind nginx, 1,000 generated malformed requests each, sent as raw bytes
 * (so that anything can be malformed: the request line, the headers, the body's bytes): wrong
 * types, huge and empty bodies, broken JSON, bad UTF-8, path tricks, header abuse, SQL/NoSQL/JSON
 * injection strings, forged and tampered tokens. None may get a 5xx, none may show a stack trace,
 * none may reach another viewer's data, and that viewer's data is unchanged afterwards.
 *
 * <p>The requests come from 127.0.0.2 to 127.0.0.254 in turn, as from many clients: nginx's
 * per-client limit on login and registration would otherwise answer most of them 429 before they
 * reach auth-service. The seed is printed; {@code -Dfuzz.seed=N} repeats a run ({@code -Dfuzz.requests},
 * {@code -Dfuzz.threads} change its size); a failing request is kept whole in target/malformed/.
 */
@ExtendWith(Platform.class)
class MalformedInputIT {

    private static final int PER_ENDPOINT = Integer.getInteger("fuzz.requests", 1_000);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|Caused by:|\\w+(Exception|Error):|java\\.lang\\.|org\\.springframework\\.|reactor\\.core\\.|dev\\.cinema\\.");

    /** A public endpoint: method, path with {id} where an id goes, and whether it takes a JSON body. */
    private record Endpoint(String method, String path, String validBody) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/auth/register", "{\"login\":\"%s\",\"password\":\"fuzz-password-1\"}"),
            new Endpoint("POST", "/api/v1/auth/login", "{\"login\":\"%s\",\"password\":\"fuzz-password-1\"}"),
            new Endpoint("POST", "/api/v1/auth/refresh", "{\"refresh_token\":\"%s\"}"),
            new Endpoint("POST", "/api/v1/auth/logout", "{\"refresh_token\":\"%s\"}"),
            new Endpoint("POST", "/api/v1/auth/logout-all", null),
            new Endpoint("GET", "/api/v1/auth/me", null),
            new Endpoint("GET", "/api/v1/auth/me/sessions?page={id}&size={id}", null),
            new Endpoint("GET", "/.well-known/jwks.json", null),
            new Endpoint("GET", "/api/v1/admin/users?page={id}&size={id}", null),
            new Endpoint("PUT", "/api/v1/admin/users/{id}/roles", "{\"roles\":[\"%s\"]}"),
            new Endpoint("PUT", "/api/v1/reactions/{id}", "{\"value\":\"%s\"}"),
            new Endpoint("DELETE", "/api/v1/reactions/{id}", null),
            new Endpoint("GET", "/api/v1/reactions?value={id}&page={id}&size={id}", null),
            new Endpoint("PUT", "/api/v1/exclusions/{id}", null),
            new Endpoint("DELETE", "/api/v1/exclusions/{id}", null),
            new Endpoint("GET", "/api/v1/exclusions?page={id}&size={id}", null),
            new Endpoint("POST", "/api/v1/films/{id}/more-like-this", null),
            new Endpoint("GET", "/api/v1/films/{id}/stats", null),
            new Endpoint("GET", "/api/v1/films?sort={id}&genre={id}&page={id}&size={id}", null),
            new Endpoint("GET", "/api/v1/films/search?query={id}&page={id}&size={id}", null),
            new Endpoint("GET", "/api/v1/films/{id}", null),
            new Endpoint("GET", "/api/v1/genres", null),
            new Endpoint("GET", "/api/v1/genres/{id}", null),
            new Endpoint("GET", "/api/v1/persons/search?query={id}&page={id}&size={id}", null),
            new Endpoint("GET", "/api/v1/persons/{id}", null),
            new Endpoint("GET", "/api/v1/persons/{id}/films?page={id}&size={id}", null),
            new Endpoint("GET", "/api/v1/feed?page={id}&size={id}", null),
            new Endpoint("GET", "/api/v1/recommendations/me?size={id}", null),
            new Endpoint("POST", "/api/v1/admin/recommendations/{id}/refresh", null));

    private static final List<String> HOSTILE_VALUES = List.of(
            "", " ", "-1", "0", "99999999999999999999", "1e309", "NaN", "null", "true", "[]", "{}", "abc",
            "' OR '1'='1", "1; DROP TABLE users;--", "\" OR \"\"=\"", "admin'--", "{\"$gt\":\"\"}", "{\"$ne\":null}", "$where",
            "{\"$where\":\"sleep(1000)\"}", "../../../../etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "%00", "%",
            "%zz", "%ff%fe%fd", "%c0%af", "%e2%80%ae", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}",
            "\\u0000", "%0d%0aSet-Cookie:%20a=b", "😀", "ЛАЙК", "LIKE", "DISLIKE", "like", "ADMIN",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-uuid-at-all-xxxxxxxxxxxxxxxxxx",
            "a".repeat(300), "9".repeat(40), "-".repeat(36),
            "2147483647", "2147483648", "9223372036854775808", "-2147483648", "-0", "1e9", "0x10", " 1");

    /** Every integer parameter of the endpoints above, {@code %s} where its value goes, the rest of the request valid. */
    private static final List<String> INTEGER_PARAMETERS = List.of(
            "/api/v1/admin/users?page=%s", "/api/v1/admin/users?page=0&size=%s",
            "/api/v1/auth/me/sessions?page=%s", "/api/v1/auth/me/sessions?page=0&size=%s",
            "/api/v1/reactions?value=LIKE&page=%s", "/api/v1/reactions?size=%s",
            "/api/v1/exclusions?page=%s", "/api/v1/exclusions?size=%s",
            "/api/v1/films?sort=title&page=%s", "/api/v1/films?size=%s",
            "/api/v1/films/search?query=star&page=%s", "/api/v1/films/search?query=star&size=%s",
            "/api/v1/persons/search?query=ford&page=%s", "/api/v1/persons/search?query=ford&size=%s",
            "/api/v1/feed?page=%s", "/api/v1/feed?size=%s",
            "/api/v1/recommendations/me?size=%s");

    /**
     * The largest int and one past it, one past the largest long, below zero, minus zero, the least
     * int and one below the least long, an exponent, hexadecimal, a leading space, nothing.
     */
    private static final List<String> INTEGER_EXTREMES = List.of("2147483647", "2147483648", "9223372036854775808", "-1", "-0",
            "-2147483648", "-9223372036854775809", "1e9", "0x10", "%201", "");

    private final Random random = new Random(SEED);
    private final AtomicInteger source = new AtomicInteger();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failuresKept = new AtomicInteger();

    @Test
    void malformedRequestsToEveryEndpointAreNeverA5xxNeverShowAStackTraceAndNeverReachAnotherViewersData() throws Exception {
        System.out.println("fuzz seed " + SEED + " (-Dfuzz.seed=" + SEED + " repeats this run)");
        Viewer victim = Viewer.create();
        List<String> films = Catalog.films(5);
        films.subList(0, 3).forEach(film -> assertThat(Http.like(film, victim.token()).status()).isEqualTo(200));
        assertThat(Http.put("/api/v1/exclusions/" + films.get(3), "", victim.token()).status()).isEqualTo(200);
        String victimReactions = Http.get("/api/v1/reactions?size=100", victim.token()).body();
        Viewer attacker = Viewer.create();
        List<String> tokens = forgedTokens(victim, attacker);
        List<String> secrets = List.of(victim.id(), victim.login(), victim.token());

        long started = System.nanoTime();
        int sent = 0;
        try (ExecutorService senders = Executors.newFixedThreadPool(Integer.getInteger("fuzz.threads", 8))) {
            for (Endpoint endpoint : ENDPOINTS) {
                for (int i = 0; i < PER_ENDPOINT; i++) {
                    byte[] request = malformed(endpoint, films, attacker, tokens);
                    boolean forged = !new String(request, StandardCharsets.ISO_8859_1).contains("Bearer " + attacker.token() + "\r\n");
                    senders.submit(() -> check(endpoint, request, forged, secrets));
                    sent++;
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(failures).as("requests answered wrongly (of %d)", sent).isEmpty();
        assertThat(Http.get("/api/v1/reactions?size=100", victim.token()).body()).as("the victim's reactions, unchanged").isEqualTo(victimReactions);
        assertThat(Http.get("/api/v1/exclusions", victim.token()).json().get("total").asInt()).isOne();
        Report.line("malformed input: %,d requests (%,d to each of %d endpoints) in %.0f s, seed %d: statuses %s; no 5xx, no stack trace, "
                + "no other viewer's data", sent, PER_ENDPOINT, ENDPOINTS.size(), seconds, SEED, new TreeMap<>(statuses));
    }

    /**
     * Each integer parameter, sent each extreme: a 400 problem+json, never a 5xx. {@code -0} is 0,
     * so a page of that number is answered; the administrators' list answers a viewer 403 before
     * reading its parameters (auth-service's own tests send it the extremes as an administrator).
     */
    @Test
    void integerExtremesInEveryIntegerParameterAreA400NeverA5xx() {
        String viewer = Http.newViewer();
        List<String> wrong = new ArrayList<>();
        Map<Integer, Integer> answered = new TreeMap<>();
        int sent = 0;
        for (String template : INTEGER_PARAMETERS) {
            // the feed answers anyone, and a signed-in viewer another way
            List<String> tokens = template.startsWith("/api/v1/feed") ? Arrays.asList(null, viewer) : List.of(viewer);
            for (String token : tokens) {
                for (String value : INTEGER_EXTREMES) {
                    String path = template.formatted(value);
                    Http.Answer answer = Http.get(path, token);
                    sent++;
                    answered.merge(answer.status(), 1, Integer::sum);
                    boolean problem = answer.contentType().startsWith("application/problem+json");
                    int expected = template.startsWith("/api/v1/admin/") ? 403
                            : value.equals("-0") && template.contains("page=%s") ? 200 : 400;
                    if (answer.status() != expected || expected != 200 && !problem || STACK_TRACE.matcher(answer.body()).find()) {
                        wrong.add(path + (token == null ? "" : " (signed in)") + ": " + answer.status() + " " + answer.body());
                    }
                }
            }
        }
        assertThat(wrong).as("integer extremes answered wrongly (of %d)", sent).isEmpty();
        Report.line("integer extremes: %d requests (%d values to each of %d integer parameters, the feed also signed in): statuses %s; "
                + "each a 400 problem+json (-0 a page 0, the administrators' list 403), no 5xx", sent, INTEGER_EXTREMES.size(),
                INTEGER_PARAMETERS.size(), answered);
    }

    private void check(Endpoint endpoint, byte[] request, boolean forged, List<String> secrets) {
        String shown = printable(request);
        try {
            String response = send(request);
            int status = status(response);
            statuses.computeIfAbsent(status, code -> new AtomicInteger()).incrementAndGet();
            if (status >= 500 || status < 100) {
                failures.add(status + " for " + shown + "\n  answer: " + printable(response.getBytes(StandardCharsets.ISO_8859_1)));
            } else if (STACK_TRACE.matcher(response).find()) {
                failures.add("a stack trace for " + shown + "\n  answer: " + printable(response.getBytes(StandardCharsets.ISO_8859_1)));
            } else if (secrets.stream().anyMatch(response::contains)) {
                failures.add("another viewer's data for " + shown);
            } else if (forged && status < 300 && needsAViewer(endpoint) && response.contains("Content-Type: application/json")) {
                failures.add(status + " without a valid token for " + shown);
            }
        } catch (IOException | RuntimeException failed) {
            failures.add("no answer (" + failed + ") for " + shown);
        }
        if (failures.size() > failuresKept.get()) {
            keep(request, failuresKept.incrementAndGet());
        }
    }

    /** Whether the endpoint answers only a signed-in viewer (or an administrator). */
    /** A failing request kept whole, to send again: target/malformed/N.http. */
    private static void keep(byte[] request, int number) {
        try {
            Path file = Path.of("target", "malformed", number + ".http");
            Files.createDirectories(file.getParent());
            Files.write(file, request);
        } catch (IOException ignored) {
            // only a help for reading a failure
        }
    }

    private static boolean needsAViewer(Endpoint endpoint) {
        String path = endpoint.path();
        boolean catalog = path.startsWith("/api/v1/films") && !path.endsWith("/more-like-this") || path.startsWith("/api/v1/genres")
                || path.startsWith("/api/v1/persons") || path.startsWith("/api/v1/feed");
        boolean signingIn = path.equals("/.well-known/jwks.json")
                || path.startsWith("/api/v1/auth/") && !path.startsWith("/api/v1/auth/me") && !path.endsWith("/logout-all");
        return !catalog && !signingIn;
    }

    /** One malformed request to the endpoint: a few of its parts chosen at random and made hostile. */
    private byte[] malformed(Endpoint endpoint, List<String> films, Viewer attacker, List<String> tokens) {
        String method = random.nextInt(20) == 0 ? pick(List.of("FOO", "get", "TRACE", "CONNECT", "PATCH", "OPTIONS", "HEAD", "PUT", "DELETE"))
                : endpoint.method();
        String path = fillPath(endpoint.path(), films);
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        target.writeBytes(path.getBytes(StandardCharsets.UTF_8));
        switch (random.nextInt(12)) {
            case 0 -> target.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x28}); // bad UTF-8, raw
            case 1 -> target.writeBytes("/../../../etc/passwd".getBytes(StandardCharsets.US_ASCII));
            case 2 -> target.writeBytes(("?" + "x=".repeat(2000)).getBytes(StandardCharsets.US_ASCII));
            case 3 -> target.writeBytes("%2F..%2F..%2F%00".getBytes(StandardCharsets.US_ASCII));
            case 4 -> target.writeBytes(("/" + "a".repeat(20_000)).getBytes(StandardCharsets.US_ASCII)); // past nginx's buffers
            default -> { }
        }
        String authorization = random.nextBoolean() ? "Bearer " + attacker.token() : pick(tokens);
        byte[] body = body(endpoint);
        List<String> headers = new ArrayList<>(List.of("Host: " + Platform.URL.getAuthority(), "Connection: close"));
        if (authorization != null) {
            headers.add("Authorization: " + authorization);
        }
        headers.add("Content-Type: " + (random.nextInt(8) == 0
                ? pick(List.of("text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data", "", "*/*"))
                : "application/json"));
        switch (random.nextInt(14)) {
            case 0 -> headers.add("X-Forwarded-For: " + pick(HOSTILE_VALUES));
            case 1 -> headers.add("X-Big: " + "b".repeat(20_000));
            case 2 -> headers.add("Authorization: Bearer " + pick(tokens));
            case 3 -> headers.add("X-Request-Id: " + pick(HOSTILE_VALUES) + "\u0001");
            case 4 -> headers.add("Transfer-Encoding: chunked");
            case 5 -> headers.add("Accept: " + pick(List.of("application/xml", "text/html", "image/png", "*/*;q=x")));
            case 6 -> headers.add("Bad Header Name: x");
            case 7 -> headers.add("Content-Encoding: gzip");
            case 8 -> headers.add("Range: bytes=0-1,1-2,2-3,3-4");
            default -> { }
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(target.toByteArray());
        request.writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        for (String header : headers) {
            request.writeBytes((header + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        boolean chunked = headers.contains("Transfer-Encoding: chunked");
        if (chunked && body == null) {
            body = new byte[0]; // a chunked request without its last chunk would be one nginx waits for, not a malformed one
        }
        if (body != null && !chunked) {
            // now and then a length that lies: shorter than the body (what follows is garbage to nginx)
            int length = random.nextInt(10) == 0 ? body.length / 2 : body.length;
            request.writeBytes(("Content-Length: " + length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            if (chunked) {
                request.writeBytes((random.nextBoolean() ? Integer.toHexString(body.length) : "zz").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(body);
                request.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                request.writeBytes(body);
            }
        }
        return request.toByteArray();
    }

    private String fillPath(String template, List<String> films) {
        StringBuilder path = new StringBuilder();
        int from = 0;
        for (int at = template.indexOf("{id}"); at >= 0; at = template.indexOf("{id}", from)) {
            path.append(template, from, at).append(switch (random.nextInt(4)) {
                case 0 -> pick(films);
                case 1 -> UUID.randomUUID().toString();
                default -> encodeLoosely(pick(HOSTILE_VALUES));
            });
            from = at + 4;
        }
        return path.append(template.substring(from)).toString();
    }

    /** Spaces and line breaks percent-encoded (they would end the request line); everything else as it is, already-encoded or not. */
    private static String encodeLoosely(String value) {
        return value.replace(" ", "%20").replace("\r", "%0d").replace("\n", "%0a").replace("#", "%23").replace("\"", "%22");
    }

    private byte[] body(Endpoint endpoint) {
        if (endpoint.validBody() == null && random.nextInt(3) > 0) {
            return random.nextBoolean() ? null : new byte[0];
        }
        String template = endpoint.validBody() == null ? "{\"value\":\"%s\"}" : endpoint.validBody();
        return switch (random.nextInt(16)) {
            case 0 -> new byte[0];
            case 1 -> "{".getBytes(StandardCharsets.US_ASCII);
            case 2 -> pick(List.of("null", "[]", "\"text\"", "42", "true", "{}", "{\"a\":}", "{,}", "[{]}")).getBytes(StandardCharsets.US_ASCII);
            case 3 -> ("{\"value\": 5, \"login\": [], \"password\": {}, \"refresh_token\": 1e999, \"roles\": \"ADMIN\"}").getBytes(StandardCharsets.US_ASCII);
            case 4 -> "{\"login\": {\"$ne\": null}, \"password\": {\"$gt\": \"\"}, \"value\": {\"$ne\": \"x\"}}".getBytes(StandardCharsets.US_ASCII);
            case 5 -> "[".repeat(50_000).getBytes(StandardCharsets.US_ASCII); // deep nesting
            case 6 -> ("{\"value\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.US_ASCII); // past nginx's 64k
            case 7 -> {
                byte[] valid = template.formatted("LIKE").getBytes(StandardCharsets.UTF_8);
                byte[] broken = new byte[valid.length + 3];
                System.arraycopy(valid, 0, broken, 0, valid.length - 2);
                broken[valid.length - 2] = (byte) 0xc3;
                broken[valid.length - 1] = (byte) 0x28;
                broken[valid.length] = (byte) 0xff;
                broken[valid.length + 1] = '"';
                broken[valid.length + 2] = '}';
                yield broken; // bad UTF-8 inside a string
            }
            case 8 -> (template.formatted("a") + " trailing garbage").getBytes(StandardCharsets.US_ASCII);
            case 9 -> "{\"value\":\"LIKE\",\"value\":\"DISLIKE\",\"login\":\"a\",\"login\":\"b\",\"password\":\"x\"}".getBytes(StandardCharsets.US_ASCII);
            case 10 -> ("\uFEFF" + template.formatted("LIKE")).getBytes(StandardCharsets.UTF_8);
            case 11 -> new byte[] {0, 1, 2, 3, (byte) 0x80, (byte) 0xfe};
            default -> template.formatted(pick(HOSTILE_VALUES).replace("\\", "\\\\").replace("\"", "\\\"")).getBytes(StandardCharsets.UTF_8);
        };
    }

    private String send(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            // many clients: a source address of 127.0.0.2 .. 127.0.0.254
            socket.bind(new InetSocketAddress("127.0.0." + (2 + Math.floorMod(source.getAndIncrement(), 253)), 0));
            socket.connect(new InetSocketAddress(Platform.URL.getHost(), Platform.URL.getPort()), 5_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            // (not shutdownOutput: nginx takes a half-closed connection for a client that left, and answers nothing)
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ") || response.length() < 12) {
            return response.isEmpty() ? 0 : -1;
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String printable(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.ISO_8859_1);
        return text.replace("\r", "\\r").replace("\n", "\\n") + (bytes.length > 400 ? "… (" + bytes.length + " bytes)" : "");
    }

    /** Tokens that must not pass: none, garbage, forged (alg none, HS256 on the public key, another RSA key), tampered, expired. */
    private static List<String> forgedTokens(Viewer victim, Viewer attacker) throws Exception {
        JsonNode key = Http.get("/.well-known/jwks.json", null).json().get("keys").get(0);
        String kid = key.get("kid").asString();
        long now = Instant.now().getEpochSecond();
        Map<String, Object> asVictim = new TreeMap<>(attacker.claims());
        asVictim.put("sub", victim.id());
        asVictim.put("roles", List.of("ADMIN", "USER"));
        Map<String, Object> expired = new TreeMap<>(attacker.claims());
        expired.put("exp", now - 3600);
        expired.put("iat", now - 7200);
        String[] real = attacker.token().split("\\.");
        PrivateKey otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        List<String> tokens = new ArrayList<>();
        tokens.add(null);
        tokens.addAll(List.of("", "Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer  " + attacker.token() + " x",
                "Bearer abc", "Bearer a.b.c", "Bearer ...", "Bearer " + "A".repeat(9_000), "Bearer " + real[0] + "." + real[1],
                "Bearer " + attacker.token().replace('.', '!'), "Token " + victim.id()));
        tokens.add("Bearer " + jwt(Map.of("alg", "none", "kid", kid), asVictim, header -> ""));
        tokens.add("Bearer " + jwt(Map.of("alg", "HS256", "kid", kid, "typ", "JWT"), asVictim, signed -> hmac(signed, Http.JSON.writeValueAsString(key))));
        tokens.add("Bearer " + jwt(Map.of("alg", "RS256", "kid", kid, "typ", "JWT"), asVictim, signed -> rsa(signed, otherKey)));
        tokens.add("Bearer " + jwt(Map.of("alg", "RS256", "kid", kid, "typ", "JWT"), expired, signed -> rsa(signed, otherKey)));
        tokens.add("Bearer " + real[0] + "." + base64(Http.JSON.writeValueAsString(asVictim).getBytes(StandardCharsets.UTF_8)) + "." + real[2]);
        tokens.add("Bearer " + real[0] + "." + base64(Http.JSON.writeValueAsString(expired).getBytes(StandardCharsets.UTF_8)) + "." + real[2]);
        tokens.add("Bearer " + jwt(Map.of("alg", "RS256", "kid", "../../etc/passwd", "jku", "http://127.0.0.1:1/jwks"), asVictim,
                signed -> rsa(signed, otherKey)));
        return tokens.stream().map(token -> token == null ? null : token.isEmpty() ? "" : token).toList();
    }

    private static String jwt(Map<String, Object> header, Map<String, Object> claims, Function<String, String> signature) {
        String signed = base64(Http.JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8)) + "."
                + base64(Http.JSON.writeValueAsString(claims).getBytes(StandardCharsets.UTF_8));
        return signed + "." + signature.apply(signed);
    }

    private static String hmac(String signed, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return base64(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static String rsa(String signed, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return base64(signature.sign());
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A registered, logged-in viewer: login, id (the token's subject), token and its claims. */
    private record Viewer(String login, String id, String token, Map<String, Object> claims) {

        @SuppressWarnings("unchecked")
        static Viewer create() {
            String token = Http.newViewer();
            Map<String, Object> claims = Http.JSON.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
            String login = Http.get("/api/v1/auth/me", token).json().get("login").asString();
            return new Viewer(login, (String) claims.get("sub"), token, claims);
        }
    }
}
