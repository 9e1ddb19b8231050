package dev.cinema.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.WebFilterExchange;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that started while auth-service was down has no keys yet: a token it cannot check is a
 * 503 with Retry-After (not a 500, and not a 401: the token may be good), and once auth-service
 * answers the same token is accepted, with nothing to restart.
 */
class KeysOutOfReachTest {

    @Test
    void aTokenIsUncheckableWhileTheJwksIsOutOfReachAndAcceptedOnceItAnswers() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ReactiveJwtDecoder decoder = ServiceDecoder.against("http://127.0.0.1:" + port + "/.well-known/jwks.json");
        String token = token(key);

        StepVerifier.create(decoder.decode(token)).expectError(KeysOutOfReach.KeysOutOfReachException.class).verify(Duration.ofSeconds(30));

        HttpServer jwks = serve(port, new JWKSet(key.toPublicJWK()));
        try {
            Jwt jwt = decoder.decode(token).block(Duration.ofSeconds(30));
            assertThat(jwt).isNotNull();
            assertThat(jwt.getSubject()).isNotBlank();
        } finally {
            jwks.stop(0);
        }
    }

    @Test
    void aTokenThatCouldNotBeCheckedIsA503WithRetryAfterAndARefusedOneA401() {
        MockServerWebExchange uncheckable = exchange();
        ProblemSecurityHandlers.authenticationFailureHandler()
                .onAuthenticationFailure(new WebFilterExchange(uncheckable, ignored -> Mono.empty()),
                        new AuthenticationServiceException("keys", new KeysOutOfReach.KeysOutOfReachException(new IllegalStateException("down"))))
                .block();
        assertThat(uncheckable.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(uncheckable.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(uncheckable.getResponse().getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(uncheckable.getResponse().getBodyAsString().block()).contains("\"status\":503");

        MockServerWebExchange refused = exchange();
        ProblemSecurityHandlers.authenticationFailureHandler()
                .onAuthenticationFailure(new WebFilterExchange(refused, ignored -> Mono.empty()), new InvalidBearerTokenException("expired"))
                .block();
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refused.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/reactions"));
    }

    private static HttpServer serve(int port, JWKSet keys) throws Exception {
        byte[] body = keys.toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String token(RSAKey key) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString()).issuer("https://auth.test").audience("cinema")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("roles", List.of("USER")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
