package dev.cinema.auth;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class TokensIT {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    WebTestClient client;
    AuthClient auth;
    String login;

    @BeforeEach
    void setUp() {
        auth = new AuthClient(client);
        login = AuthClient.uniqueLogin("tokens");
        auth.register(login, PASSWORD);
    }

    @Test
    void loginIssuesAnRs256AccessTokenWithTheAgreedClaims() throws Exception {
        Map<String, Object> tokens = auth.tokens(login, PASSWORD);

        SignedJWT jwt = SignedJWT.parse((String) tokens.get("access_token"));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).matches("[0-9a-f-]{36}");
        assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
        assertThat(claims.getIssuer()).isEqualTo("http://127.0.0.1:8081");
        assertThat(claims.getAudience()).containsExactly("cinema");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(claims.getIssueTime().toInstant()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        assertThat(tokens).containsEntry("token_type", "Bearer").containsEntry("expires_in", 600)
                .containsEntry("refresh_expires_in", 2_592_000);
        assertThat((String) tokens.get("refresh_token")).hasSizeGreaterThanOrEqualTo(43);
    }

    /** nginx keys its per-viewer limits on the payload's first 60 characters: they must name the user and nothing else. */
    @Test
    void theAccessTokensPayloadBeginsWithItsSubjectAlone() throws Exception {
        String first = (String) auth.tokens(login, PASSWORD).get("access_token");
        String second = (String) auth.tokens(login, PASSWORD).get("access_token");
        String subject = SignedJWT.parse(first).getJWTClaimsSet().getSubject();

        String expected = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"" + subject + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(expected).hasSize(60);
        assertThat(first.split("\\.")[1]).startsWith(expected);
        assertThat(second.split("\\.")[1].substring(0, 60)).isEqualTo(first.split("\\.")[1].substring(0, 60));
    }

    @Test
    void aWrongPasswordAndAnUnknownLoginGetTheSameAnswer() {
        var wrongPassword = auth.login(login, "not the password").expectStatus().isUnauthorized()
                .expectBody(AuthClient.json()).returnResult().getResponseBody();
        var unknownLogin = auth.login(AuthClient.uniqueLogin("nobody"), "not the password").expectStatus().isUnauthorized()
                .expectBody(AuthClient.json()).returnResult().getResponseBody();

        assertThat(wrongPassword).containsEntry("detail", unknownLogin.get("detail")).containsEntry("type", unknownLogin.get("type"));
    }

    @Test
    void refreshIssuesANewPairAndSpendsTheOldRefreshToken() {
        Map<String, Object> first = auth.tokens(login, PASSWORD);

        Map<String, Object> second = auth.refresh((String) first.get("refresh_token")).expectStatus().isOk()
                .expectBody(AuthClient.json()).returnResult().getResponseBody();

        assertThat(second.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));
        auth.get("/api/v1/auth/me", (String) second.get("access_token")).expectStatus().isOk();
        auth.refresh((String) second.get("refresh_token")).expectStatus().isOk();
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeFamily() {
        Map<String, Object> first = auth.tokens(login, PASSWORD);
        String stolen = (String) first.get("refresh_token");
        String legitimateNext = (String) auth.refresh(stolen).expectStatus().isOk()
                .expectBody(AuthClient.json()).returnResult().getResponseBody().get("refresh_token");

        auth.refresh(stolen).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("refresh-token-reused"));

        auth.refresh(legitimateNext).expectStatus().isUnauthorized();
    }

    @Test
    void anOtherLoginsFamilyIsUntouchedByReuse() {
        String otherSession = (String) auth.tokens(login, PASSWORD).get("refresh_token");
        String stolen = (String) auth.tokens(login, PASSWORD).get("refresh_token");
        auth.refresh(stolen).expectStatus().isOk();
        auth.refresh(stolen).expectStatus().isUnauthorized();

        auth.refresh(otherSession).expectStatus().isOk();
    }

    @Test
    void logoutRevokesThatSessionOnly() {
        String kept = (String) auth.tokens(login, PASSWORD).get("refresh_token");
        String loggedOut = (String) auth.tokens(login, PASSWORD).get("refresh_token");

        client.post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", loggedOut)).exchange().expectStatus().isNoContent();

        auth.refresh(loggedOut).expectStatus().isUnauthorized();
        auth.refresh(kept).expectStatus().isOk();
    }

    @Test
    void logoutAllRevokesEverySessionOfTheUser() {
        String one = (String) auth.tokens(login, PASSWORD).get("refresh_token");
        Map<String, Object> two = auth.tokens(login, PASSWORD);

        client.post().uri("/api/v1/auth/logout-all").header("Authorization", "Bearer " + two.get("access_token"))
                .exchange().expectStatus().isNoContent();

        auth.refresh(one).expectStatus().isUnauthorized();
        auth.refresh((String) two.get("refresh_token")).expectStatus().isUnauthorized();
    }

    @Test
    void anUnknownRefreshTokenIs401() {
        auth.refresh("not-a-token-we-issued").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void jwksPublishesPublicKeysOnly() {
        client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys[0].kid").exists()
                .jsonPath("$.keys[0].kty").isEqualTo("RSA")
                .jsonPath("$.keys[0].alg").isEqualTo("RS256")
                .jsonPath("$.keys[0].n").exists()
                .jsonPath("$.keys[*].d").doesNotExist()
                .jsonPath("$.keys[*].p").doesNotExist();
    }
}
