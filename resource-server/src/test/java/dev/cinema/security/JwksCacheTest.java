package dev.cinema.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The keys of the decoder every service gets, on a virtual clock: the JWKS trusted for its lifetime and
 * refreshed ahead of it, withdrawn keys refused within it, random kids kept away from auth-service, and
 * auth-service's outages answered 503 only once the keys can no longer be trusted.
 */
class JwksCacheTest {

    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Duration MIN_REFETCH = Duration.ofSeconds(10);
    /** When the background refreshes: a fifth of the lifetime before its end. */
    private static final Duration REFRESH_DUE = LIFETIME.minus(LIFETIME.dividedBy(5));
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private static RSAKey k1;
    private static RSAKey k2;
    private static List<String> randomKidTokens;

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private JwksServer auth;
    private JwksCache jwks;
    private ReactiveJwtDecoder decoder;

    @BeforeAll
    static void keys() throws JOSEException {
        k1 = new RSAKeyGenerator(2048).keyID("k1").generate();
        k2 = new RSAKeyGenerator(2048).keyID("k2").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).generate();
        randomKidTokens = IntStream.range(0, 1000).mapToObj(i -> token(stranger, UUID.randomUUID().toString())).toList();
    }

    /** auth-service publishing these keys, and this service's decoder made as the auto-configuration makes it. */
    private void authServicePublishing(RSAKey... published) {
        auth = JwksServer.publishing(published);
        jwks = new JwksCache(WebClient.create(), auth.uri(), LIFETIME, MIN_REFETCH, time);
        decoder = new ResourceServerAutoConfiguration().verifying(new JwtProperties(auth.uri(), "https://auth.test", "cinema", 100,
                Duration.ofMinutes(5), LIFETIME, MIN_REFETCH), jwks);
    }

    /** The service starts: its background refresh fetches the keys. */
    private void startService() {
        jwks.start();
    }

    @AfterEach
    void stop() {
        if (jwks != null) {
            jwks.stop();
        }
        if (auth != null) {
            auth.close();
        }
        time.dispose();
    }

    @Test
    void aThousandTokensWithRandomKidsCauseAtMostOneFetchPerMinRefetchAndAreEachRefused() {
        authServicePublishing(k1);
        accepted(token(k1));
        assertThat(auth.fetches()).isEqualTo(1);

        assertThat(verdicts(randomKidTokens)).containsOnlyKeys("refused");
        assertThat(auth.fetches()).as("one fetch for the first unknown kid").isEqualTo(2);

        time.advanceTimeBy(MIN_REFETCH.minusSeconds(1));
        assertThat(verdicts(randomKidTokens)).containsOnlyKeys("refused");
        assertThat(auth.fetches()).as("none within the interval").isEqualTo(2);

        time.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(verdicts(randomKidTokens)).containsOnlyKeys("refused");
        assertThat(auth.fetches()).as("one more once the interval is over").isEqualTo(3);

        accepted(token(k1));
    }

    @Test
    void aTokenOfAKeyMadeSinceTheLastFetchIsAcceptedAfterOneFetch() {
        authServicePublishing(k1);
        accepted(token(k1));
        auth.publish(k1, k2);

        accepted(token(k2));

        assertThat(auth.fetches()).isEqualTo(2);
    }

    @Test
    void aKeyRemovedFromTheJwksIsRefusedWithinTheLifetimeAlsoInATokenAcceptedBefore() {
        authServicePublishing(k1, k2);
        startService();
        await().atMost(GENEROUS).until(() -> jwks.publishes("k2"));
        String acceptedBefore = token(k2);
        accepted(acceptedBefore);

        auth.publish(k1);
        time.advanceTimeBy(REFRESH_DUE);
        await().atMost(GENEROUS).until(() -> !jwks.publishes("k2"));

        assertThat(time.now(TimeUnit.MILLISECONDS)).as("still within the first keys' lifetime").isLessThan(LIFETIME.toMillis());
        refused(acceptedBefore);
        refused(token(k2));
        accepted(token(k1));
    }

    @Test
    void aRequestAfterTheLifetimeFindsKeysRefreshedAheadAndFetchesNothing() {
        authServicePublishing(k1);
        startService();
        await().atMost(GENEROUS).until(() -> jwks.publishes("k1"));

        auth.publish(k1, k2);
        time.advanceTimeBy(REFRESH_DUE);
        await().atMost(GENEROUS).until(() -> jwks.publishes("k2"));
        int fetched = auth.fetches();
        time.advanceTimeBy(LIFETIME.minus(REFRESH_DUE).plusSeconds(1));

        accepted(token(k1));
        accepted(token(k2));
        assertThat(auth.fetches()).isEqualTo(fetched);
    }

    @Test
    void aServiceStartedWhileAuthServiceIsDownAnswers503ThenAcceptsTokensOnceItAnswers() {
        authServicePublishing(k1);
        auth.goDown();
        startService();
        await().atMost(GENEROUS).until(() -> auth.fetches() >= 1);

        uncheckable(token(k1));

        auth.comeBack();
        time.advanceTimeBy(MIN_REFETCH);
        await().atMost(GENEROUS).until(() -> jwks.publishes("k1"));
        int fetched = auth.fetches();
        accepted(token(k1));
        assertThat(auth.fetches()).as("the background's retry fetched the keys").isEqualTo(fetched);
    }

    @Test
    void aServiceThatNeverGotKeysAsksForThemWithTheNextToken() {
        authServicePublishing(k1);
        auth.goDown();
        String token = token(k1);
        uncheckable(token);

        auth.comeBack();

        accepted(token);
    }

    @Test
    void whileAuthServiceIsDownTokensAreAcceptedUntilTheLifetimeEndsThenUncheckable() {
        authServicePublishing(k1);
        startService();
        await().atMost(GENEROUS).until(() -> jwks.publishes("k1"));
        String acceptedBefore = token(k1);
        accepted(acceptedBefore);

        auth.goDown();
        time.advanceTimeBy(REFRESH_DUE);
        await().atMost(GENEROUS).until(() -> auth.fetches() >= 2);
        time.advanceTimeBy(LIFETIME.minus(REFRESH_DUE).minusSeconds(1));
        accepted(acceptedBefore);
        accepted(token(k1));

        time.advanceTimeBy(Duration.ofSeconds(1));
        uncheckable(acceptedBefore);
        uncheckable(token(k1));
    }

    /** How the decoder answered each token: accepted, refused (a 401) or uncheckable (a 503), with how many of each. */
    private Map<String, Long> verdicts(List<String> tokens) {
        return Flux.fromIterable(tokens)
                .flatMap(token -> decoder.decode(token).map(jwt -> "accepted").onErrorResume(error -> Mono.just(
                        error instanceof KeysOutOfReach.KeysOutOfReachException ? "uncheckable" : error instanceof BadJwtException ? "refused" : error.toString())), 256)
                .collectList()
                .block(GENEROUS)
                .stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private void accepted(String token) {
        assertThat(verdicts(List.of(token))).containsOnlyKeys("accepted");
    }

    /** Spring Security answers a BadJwtException 401. */
    private void refused(String token) {
        assertThat(verdicts(List.of(token))).containsOnlyKeys("refused");
    }

    /** ProblemSecurityHandlers answers a KeysOutOfReachException 503 (KeysOutOfReachTest). */
    private void uncheckable(String token) {
        StepVerifier.create(decoder.decode(token)).expectError(KeysOutOfReach.KeysOutOfReachException.class).verify(GENEROUS);
    }

    private static String token(RSAKey key) {
        return token(key, key.getKeyID());
    }

    private static String token(RSAKey key, String kid) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString()).issuer("https://auth.test").audience("cinema")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("roles", List.of("USER")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
