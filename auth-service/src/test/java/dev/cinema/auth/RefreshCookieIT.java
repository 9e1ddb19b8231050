package dev.cinema.auth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page's session: the refresh token in an HttpOnly cookie on the session endpoints' path,
 * accepted from that cookie only with the CSRF header that echoes the csrf_token cookie.
 */
@AuthIntegrationTest
class RefreshCookieIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String SESSION_PATH = "/api/v1/auth/session";
    private static final Duration REFRESH_TTL = Duration.ofDays(30);

    @Autowired
    WebTestClient client;
    AuthClient auth;
    String login;

    @BeforeEach
    void setUp() {
        auth = new AuthClient(client);
        login = AuthClient.uniqueLogin("cookie");
        auth.register(login, PASSWORD);
    }

    /** The two cookies a browser holds after a login or a refresh in cookie mode. */
    private record Jar(String refreshToken, String csrfToken) {

        static Jar of(EntityExchangeResult<?> result) {
            return new Jar(result.getResponseCookies().getFirst("refresh_token").getValue(),
                    result.getResponseCookies().getFirst("csrf_token").getValue());
        }
    }

    private WebTestClient.ResponseSpec loginForCookies(String forwardedProto) {
        return client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", auth.address())
                .header("X-Forwarded-Proto", forwardedProto)
                .header("X-Refresh-Token", "cookie")
                .bodyValue(Map.of("login", login, "password", PASSWORD))
                .exchange();
    }

    private Jar signedIn() {
        return Jar.of(loginForCookies("http").expectStatus().isOk().expectBody(AuthClient.json()).returnResult());
    }

    /** As the page sends it: no body, the cookies, and whatever CSRF header it is given (none when null). */
    private WebTestClient.ResponseSpec withCookies(String endpoint, Jar jar, String csrfHeader) {
        var request = client.post().uri(SESSION_PATH + endpoint)
                .header("X-Refresh-Token", "cookie")
                .cookie("refresh_token", jar.refreshToken());
        if (jar.csrfToken() != null) {
            request = request.cookie("csrf_token", jar.csrfToken());
        }
        if (csrfHeader != null) {
            request = request.header("X-CSRF-Token", csrfHeader);
        }
        return request.exchange();
    }

    @Test
    void aLoginInCookieModeSetsAnHttpOnlyStrictCookieOnTheSessionPathAndNoRefreshTokenInTheBody() {
        var result = loginForCookies("http").expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectCookie().httpOnly("refresh_token", true)
                .expectCookie().sameSite("refresh_token", "Strict")
                .expectCookie().path("refresh_token", SESSION_PATH)
                .expectCookie().maxAge("refresh_token", REFRESH_TTL)
                .expectCookie().secure("refresh_token", false)
                .expectCookie().httpOnly("csrf_token", false)
                .expectCookie().sameSite("csrf_token", "Strict")
                .expectCookie().path("csrf_token", "/")
                .expectBody(AuthClient.json()).returnResult();

        assertThat(result.getResponseBody()).containsKey("access_token").doesNotContainKey("refresh_token")
                .containsEntry("refresh_expires_in", 2_592_000);
        Jar jar = Jar.of(result);
        assertThat(jar.refreshToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(jar.csrfToken()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(signedIn().csrfToken());
        auth.get("/api/v1/auth/me", (String) result.getResponseBody().get("access_token")).expectStatus().isOk();
    }

    @Test
    void theCookiesAreSecureWhenTheBrowserCameOverTls() {
        loginForCookies("https").expectStatus().isOk()
                .expectCookie().secure("refresh_token", true)
                .expectCookie().secure("csrf_token", true);
    }

    @Test
    void refreshWithTheCookieAndTheCsrfHeaderIssuesNewTokensAndRotatesTheCookie() {
        Jar first = signedIn();

        var result = withCookies("/refresh", first, first.csrfToken()).expectStatus().isOk()
                .expectCookie().httpOnly("refresh_token", true)
                .expectCookie().path("refresh_token", SESSION_PATH)
                .expectBody(AuthClient.json()).returnResult();

        Jar second = Jar.of(result);
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.csrfToken()).as("one CSRF token for the whole session").isEqualTo(first.csrfToken());
        assertThat(result.getResponseBody()).doesNotContainKey("refresh_token");
        auth.get("/api/v1/auth/me", (String) result.getResponseBody().get("access_token")).expectStatus().isOk();
        withCookies("/refresh", second, second.csrfToken()).expectStatus().isOk();
        // the first cookie was spent by the rotation: presented again, it is taken for a stolen copy
        withCookies("/refresh", first, first.csrfToken()).expectStatus().isUnauthorized();
    }

    @Test
    void refreshWithTheCookieButWithoutTheCsrfHeaderIs403AndSpendsNothing() {
        Jar jar = signedIn();

        withCookies("/refresh", jar, null).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("csrf-token-missing"))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("X-CSRF-Token"));
        withCookies("/refresh", jar, jar.csrfToken() + "x").expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("csrf-token-mismatch"));
        withCookies("/refresh", new Jar(jar.refreshToken(), null), jar.csrfToken()).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("csrf-cookie-missing"));

        // not spent: had a refused request spent it, this would be a reuse, and a 401
        withCookies("/refresh", jar, jar.csrfToken()).expectStatus().isOk();
    }

    @Test
    void aRequestFromAnotherSiteIs403EvenWithTheRightCsrfHeader() {
        Jar jar = signedIn();

        client.post().uri(SESSION_PATH + "/refresh").header("Origin", "https://elsewhere.example")
                .cookie("refresh_token", jar.refreshToken()).cookie("csrf_token", jar.csrfToken())
                .header("X-CSRF-Token", jar.csrfToken())
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type).endsWith("csrf-origin-mismatch"));

        // this site's own page, on whatever port nginx listens
        client.post().uri(SESSION_PATH + "/refresh").header("Origin", "http://localhost:8080")
                .cookie("refresh_token", jar.refreshToken()).cookie("csrf_token", jar.csrfToken())
                .header("X-CSRF-Token", jar.csrfToken())
                .exchange().expectStatus().isOk();
    }

    @Test
    void logoutWithTheCookieClearsBothCookiesAndRevokesTheSession() {
        Jar jar = signedIn();

        withCookies("/logout", jar, null).expectStatus().isForbidden();
        withCookies("/logout", jar, jar.csrfToken()).expectStatus().isNoContent()
                .expectCookie().maxAge("refresh_token", Duration.ZERO)
                .expectCookie().path("refresh_token", SESSION_PATH)
                .expectCookie().maxAge("csrf_token", Duration.ZERO)
                .expectCookie().path("csrf_token", "/");

        auth.refresh(jar.refreshToken()).expectStatus().isUnauthorized();
    }

    @Test
    void theJsonBodyPathIsAsItWasAndNeedsNoCsrfHeader() {
        Map<String, Object> tokens = auth.tokens(login, PASSWORD);
        assertThat(tokens).containsKey("refresh_token");

        var renewed = auth.refresh((String) tokens.get("refresh_token")).expectStatus().isOk()
                .expectHeader().doesNotExist("Set-Cookie")
                .expectBody(AuthClient.json()).returnResult().getResponseBody();

        client.post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", renewed.get("refresh_token"))).exchange()
                .expectStatus().isNoContent().expectHeader().doesNotExist("Set-Cookie");
        auth.refresh((String) renewed.get("refresh_token")).expectStatus().isUnauthorized();
    }

    @Test
    void neitherABodyNorACookieIs400SayingWhatIsMissing() {
        for (String endpoint : new String[] {"/refresh", "/logout"}) {
            client.post().uri(SESSION_PATH + endpoint).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("refresh_token"));
        }
    }
}
