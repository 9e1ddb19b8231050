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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.test.StepVerifier;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder every service gets: keys from a JWKS URL, issuer, audience and subject checked. */
class JwksDecoderTest {

    private static HttpServer jwks;
    private static RSAKey key;
    private static ReactiveJwtDecoder decoder;

    @BeforeAll
    static void serveJwks() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        decoder = ServiceDecoder.against("http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    private static String token(JWTClaimsSet claims, RSAKey signingKey) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issuer("https://auth.test").audience("cinema")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("roles", List.of("USER"));
    }

    @Test
    void aTokenSignedByAPublishedKeyGivesTheUserIdAndRoles() throws Exception {
        UUID user = UUID.randomUUID();

        Jwt jwt = decoder.decode(token(claims(user.toString()).build(), key)).block();

        assertThat(JwtSupport.userId(jwt)).isEqualTo(user);
        StepVerifier.create(JwtSupport.authenticationConverter().convert(jwt))
                .assertNext(auth -> assertThat(auth.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_USER"))
                .verifyComplete();
    }

    @Test
    void wrongAudienceIssuerSubjectOrKeyAreRefused() throws Exception {
        String user = UUID.randomUUID().toString();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();

        for (String token : List.of(
                token(claims(user).audience("other").build(), key),
                token(claims(user).issuer("https://evil.test").build(), key),
                token(claims("not-a-uuid").build(), key),
                token(claims(user).build(), stranger),
                token(claims(user).build(), new RSAKeyGenerator(2048).keyID("unknown").generate()))) {
            StepVerifier.create(decoder.decode(token)).expectError(JwtException.class).verify();
        }
    }
}
