package dev.cinema.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * auth-service's part in other services' tests: a JWKS served on a free port and RS256 tokens
 * signed by its key, and an empty revocation feed. The first call publishes {@code AUTH_JWKS_URI},
 * {@code AUTH_REVOCATIONS_URI}, {@code AUTH_ISSUER} and {@code AUTH_AUDIENCE} as system properties,
 * which the services' settings read.
 */
public final class TestJwtIssuer {

    public static final String ISSUER = "http://auth.test";
    public static final String AUDIENCE = "cinema";

    private static TestJwtIssuer instance;

    private final RSAKey key;

    private TestJwtIssuer(RSAKey key) {
        this.key = key;
    }

    public static synchronized TestJwtIssuer get() {
        if (instance == null) {
            try {
                RSAKey key = new RSAKeyGenerator(2048).keyID("test-key").generate();
                byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                jwks.createContext("/.well-known/jwks.json", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                // no revocations: the services' revocation feed reads an empty one rather than failing every second
                jwks.createContext("/internal/v1/revocations", exchange -> {
                    byte[] none = ("{\"now\":\"" + Instant.now() + "\",\"keepForSeconds\":660,\"revocations\":[]}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, none.length);
                    exchange.getResponseBody().write(none);
                    exchange.close();
                });
                jwks.start();
                System.setProperty("AUTH_JWKS_URI", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
                System.setProperty("AUTH_REVOCATIONS_URI", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/internal/v1/revocations");
                System.setProperty("AUTH_ISSUER", ISSUER);
                System.setProperty("AUTH_AUDIENCE", AUDIENCE);
                instance = new TestJwtIssuer(key);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** A valid ten-minute access token of this user with role USER. */
    public String token(UUID user) {
        return token(user, "USER");
    }

    public String token(UUID user, String... roles) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user.toString()).issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim(JwtSupport.ROLES_CLAIM, List.of(roles)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
