package dev.cinema.auth;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing out, a role change, disabling an account and a password change make the access tokens
 * they concern refused at once here (the revocation is applied before the answer), and put them on
 * the feed the other services read.
 */
@AuthIntegrationTest
class RevocationIT {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    WebTestClient client;
    AuthClient auth;
    String login;
    String userId;

    @BeforeEach
    void setUp() {
        auth = new AuthClient(client);
        login = AuthClient.uniqueLogin("revoked");
        userId = (String) auth.register(login, PASSWORD).get("id");
    }

    @Test
    void aSessionSignedOutHasItsAccessTokenRefusedWhileAnotherSessionGoesOn() throws Exception {
        Map<String, Object> laptop = auth.tokens(login, PASSWORD);
        Map<String, Object> phone = auth.tokens(login, PASSWORD);
        auth.get("/api/v1/auth/me", access(laptop)).expectStatus().isOk();

        logout(laptop).expectStatus().isNoContent();

        auth.get("/api/v1/auth/me", access(laptop)).expectStatus().isUnauthorized();
        auth.get("/api/v1/auth/me", access(phone)).expectStatus().isOk();
        String sid = SignedJWT.parse(access(laptop)).getJWTClaimsSet().getStringClaim("sid");
        assertThat(feedSince(null)).extracting(entry -> entry.get("sid")).contains(sid);
    }

    @Test
    void signingOutEverywhereRefusesTheAccessTokensOfEverySession() {
        Map<String, Object> laptop = auth.tokens(login, PASSWORD);
        Map<String, Object> phone = auth.tokens(login, PASSWORD);

        client.post().uri("/api/v1/auth/logout-all").header("Authorization", "Bearer " + access(phone))
                .exchange().expectStatus().isNoContent();

        auth.get("/api/v1/auth/me", access(laptop)).expectStatus().isUnauthorized();
        auth.get("/api/v1/auth/me", access(phone)).expectStatus().isUnauthorized();
        auth.refresh((String) laptop.get("refresh_token")).expectStatus().isUnauthorized();
    }

    @Test
    void aRoleChangeRefusesTheTokensCarryingTheOldRolesAndARefreshCarriesTheNewOnes() throws Exception {
        Map<String, Object> before = auth.tokens(login, PASSWORD);

        setRoles(List.of("USER", "ADMIN")).expectStatus().isOk();

        auth.get("/api/v1/auth/me", access(before)).expectStatus().isUnauthorized();
        Map<String, Object> after = auth.refresh((String) before.get("refresh_token")).expectStatus().isOk()
                .expectBody(AuthClient.json()).returnResult().getResponseBody();
        assertThat(SignedJWT.parse(access(after)).getJWTClaimsSet().getStringListClaim("roles")).containsExactlyInAnyOrder("USER", "ADMIN");
        auth.get("/api/v1/admin/users", access(after)).expectStatus().isOk();
    }

    @Test
    void aDisabledAccountHasItsTokensRefusedAndCannotSignInOrRefreshUntilEnabled() {
        Map<String, Object> session = auth.tokens(login, PASSWORD);

        setDisabled(true).expectStatus().isOk().expectBody().jsonPath("$.disabled").isEqualTo(true);

        auth.get("/api/v1/auth/me", access(session)).expectStatus().isUnauthorized();
        auth.refresh((String) session.get("refresh_token")).expectStatus().isUnauthorized();
        auth.login(login, PASSWORD).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("account-disabled"));
        auth.login(login, "a wrong password").expectStatus().isUnauthorized();

        setDisabled(false).expectStatus().isOk();
        auth.login(login, PASSWORD).expectStatus().isOk();
    }

    @Test
    void anAdministratorCannotDisableThemself() {
        String adminToken = adminToken();
        String adminId = (String) auth.get("/api/v1/auth/me", adminToken).expectBody(AuthClient.json()).returnResult().getResponseBody().get("id");

        client.put().uri("/api/v1/admin/users/{id}/disabled", adminId).header("Authorization", "Bearer " + adminToken)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("disabled", true))
                .exchange().expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndEndsEverySession() {
        Map<String, Object> session = auth.tokens(login, PASSWORD);

        changePassword(access(session), "not the password", "a brand new password").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        changePassword(access(session), PASSWORD, "short").expectStatus().isBadRequest();
        auth.get("/api/v1/auth/me", access(session)).expectStatus().isOk();

        changePassword(access(session), PASSWORD, "a brand new password").expectStatus().isNoContent();

        auth.get("/api/v1/auth/me", access(session)).expectStatus().isUnauthorized();
        auth.refresh((String) session.get("refresh_token")).expectStatus().isUnauthorized();
        auth.login(login, PASSWORD).expectStatus().isUnauthorized();
        auth.login(login, "a brand new password").expectStatus().isOk();
    }

    @Test
    void reusingASpentRefreshTokenAlsoRefusesTheAccessTokensOfItsSession() {
        Map<String, Object> first = auth.tokens(login, PASSWORD);
        Map<String, Object> second = auth.refresh((String) first.get("refresh_token")).expectStatus().isOk()
                .expectBody(AuthClient.json()).returnResult().getResponseBody();

        auth.refresh((String) first.get("refresh_token")).expectStatus().isUnauthorized();

        auth.get("/api/v1/auth/me", access(second)).expectStatus().isUnauthorized();
    }

    @Test
    void theFeedAnswersWhatCameAfterItsSinceAndRefusesABadOne() {
        Instant before = Instant.now().minusSeconds(1);
        Map<String, Object> session = auth.tokens(login, PASSWORD);
        logout(session).expectStatus().isNoContent();
        setRoles(List.of("USER")).expectStatus().isOk();

        List<Map<String, Object>> after = feedSince(before);
        assertThat(after).anySatisfy(entry -> assertThat(entry.get("sub")).isEqualTo(userId));
        assertThat(feedSince(Instant.now().plusSeconds(60))).isEmpty();
        client.get().uri("/internal/v1/revocations?since=yesterday").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAdministratorsActionsGoToTheAuditLog() {
        setRoles(List.of("USER", "ADMIN")).expectStatus().isOk();
        setDisabled(true).expectStatus().isOk();

        auth.get("/api/v1/admin/audit?size=100", adminToken()).expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.target == '" + userId + "')].action")
                .value(actions -> assertThat((List<Object>) actions).contains("roles-changed", "disabled"));
    }

    @Test
    void aViewerCannotReadTheAuditLog() {
        auth.get("/api/v1/admin/audit", access(auth.tokens(login, PASSWORD))).expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec logout(Map<String, Object> session) {
        return client.post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", session.get("refresh_token"))).exchange();
    }

    private WebTestClient.ResponseSpec setRoles(List<String> roles) {
        return client.put().uri("/api/v1/admin/users/{id}/roles", userId).header("Authorization", "Bearer " + adminToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("roles", roles)).exchange();
    }

    private WebTestClient.ResponseSpec setDisabled(boolean disabled) {
        return client.put().uri("/api/v1/admin/users/{id}/disabled", userId).header("Authorization", "Bearer " + adminToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("disabled", disabled)).exchange();
    }

    private WebTestClient.ResponseSpec changePassword(String token, String current, String next) {
        return client.put().uri("/api/v1/auth/me/password").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("current_password", current, "new_password", next)).exchange();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> feedSince(Instant since) {
        Map<String, Object> batch = client.get().uri(since == null ? "/internal/v1/revocations" : "/internal/v1/revocations?since=" + since)
                .exchange().expectStatus().isOk().expectBody(AuthClient.json()).returnResult().getResponseBody();
        return (List<Map<String, Object>>) batch.get("revocations");
    }

    private String adminToken() {
        return access(new AuthClient(client).tokens(AuthIntegrationTest.ADMIN_LOGIN, AuthIntegrationTest.ADMIN_PASSWORD));
    }

    private static String access(Map<String, Object> tokens) {
        return (String) tokens.get("access_token");
    }
}
