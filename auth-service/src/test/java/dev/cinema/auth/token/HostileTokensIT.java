package dev.cinema.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.cinema.auth.AuthClient;
import dev.cinema.auth.AuthIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Every token that is not exactly what auth-service issues is refused with a 401. */
@AuthIntegrationTest
class HostileTokensIT {

    @Autowired
    WebTestClient client;
    @Autowired
    SigningKeys keys;
    String userId;
    String validToken;

    @BeforeEach
    void setUp() {
        AuthClient auth = new AuthClient(client);
        String login = AuthClient.uniqueLogin("target");
        userId = (String) auth.register(login, "correct horse battery").get("id");
        validToken = (String) auth.tokens(login, "correct horse battery").get("access_token");
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(userId).issuer("http://127.0.0.1:8081").audience("cinema")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("roles", List.of("USER", "ADMIN"));
    }

    private String signedWithTheRealKey(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.active().kid())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(keys.active().privateKey()));
        return jwt.serialize();
    }

    private void expectRejected(String token) {
        client.get().uri("/api/v1/auth/me").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theRealTokenIsAccepted() throws Exception {
        client.get().uri("/api/v1/auth/me").header("Authorization", "Bearer " + validToken).exchange().expectStatus().isOk();
        client.get().uri("/api/v1/auth/me").header("Authorization", "Bearer " + signedWithTheRealKey(claims().build()))
                .exchange().expectStatus().isOk();
    }

    @Test
    void algNoneIsRejected() {
        expectRejected(new PlainJWT(claims().build()).serialize());
    }

    @Test
    void hs256SignedWithThePublicKeyAsSecretIsRejected() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.active().kid()).build(), claims().build());
        jwt.sign(new MACSigner(keys.active().publicKey().getEncoded()));
        expectRejected(jwt.serialize());
    }

    @Test
    void anExpiredTokenIsRejected() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        expectRejected(signedWithTheRealKey(claims().issueTime(Date.from(past.minusSeconds(600)))
                .expirationTime(Date.from(past)).build()));
    }

    @Test
    void aWrongIssuerIsRejected() throws Exception {
        expectRejected(signedWithTheRealKey(claims().issuer("https://evil.example").build()));
    }

    @Test
    void aWrongAudienceIsRejected() throws Exception {
        expectRejected(signedWithTheRealKey(claims().audience("another-service").build()));
    }

    @Test
    void aSubjectThatIsNotAUserIdIsRejected() throws Exception {
        expectRejected(signedWithTheRealKey(claims().subject("admin").build()));
    }

    @Test
    void aTamperedPayloadIsRejected() throws Exception {
        String[] parts = validToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"USER\"", "\"ADMIN\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        expectRejected(forged);
        client.get().uri("/api/v1/admin/users").header("Authorization", "Bearer " + forged).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void anUnknownKidIsRejected() throws Exception {
        SigningKey stranger = SigningKey.generate(Instant.now());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.kid()).build(), claims().build());
        jwt.sign(stranger.signer());
        expectRejected(jwt.serialize());
    }

    @Test
    void aForeignKeyUnderTheRealKidIsRejected() throws Exception {
        SigningKey stranger = SigningKey.generate(Instant.now());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.active().kid()).build(), claims().build());
        jwt.sign(stranger.signer());
        expectRejected(jwt.serialize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "eyJhbGciOiJSUzI1NiJ9..", "....", "null", "eyJ9.eyJ9.eyJ9"})
    void garbageIsRejected(String token) {
        expectRejected(token);
    }

    @Test
    void aMissingOrMalformedAuthorizationHeaderIsRejected() {
        client.get().uri("/api/v1/auth/me").header("Authorization", "Bearer").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/v1/auth/me").header("Authorization", "Basic dXNlcjpwYXNz").exchange().expectStatus().isUnauthorized();
    }
}
