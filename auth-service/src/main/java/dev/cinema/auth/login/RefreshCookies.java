package dev.cinema.auth.login;

import dev.cinema.web.ApiProblem;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The web page's refresh token, held by the browser in an HttpOnly cookie that no script can read,
 * and the double-submit CSRF token that makes that ambient credential safe to accept.
 *
 * <p>One cookie on one path: {@code /api/v1/auth/session}, under which live only the session's two
 * endpoints ({@code /session/refresh}, {@code /session/logout}, aliases of {@code /refresh} and
 * {@code /logout}). A cookie has one path, and two cookies (one on each endpoint) would be two copies
 * of one credential that must be rotated together and could drift apart; the path prefix keeps the
 * token away from every other request, the login included.
 *
 * <p>Only a request that asks ({@code X-Refresh-Token: cookie}) or presents the cookie is answered
 * this way: API clients keep sending and receiving the token in the JSON body, which is no ambient
 * credential and needs no CSRF check.
 */
@Component
class RefreshCookies {

    static final String PATH = "/api/v1/auth/session";
    static final String REFRESH_COOKIE = "refresh_token";
    /** Readable by the page (not HttpOnly), which echoes it in {@link #CSRF_HEADER}. */
    static final String CSRF_COOKIE = "csrf_token";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** {@code X-Refresh-Token: cookie}: the client wants the refresh token as a cookie, not in the body. */
    static final String MODE_HEADER = "X-Refresh-Token";
    /** The refresh tokens we issue are 43 characters; anything much longer is no token of ours. */
    private static final int LONGEST_TOKEN = 256;

    private final SecureRandom random = new SecureRandom();

    boolean asked(ServerHttpRequest request) {
        return "cookie".equalsIgnoreCase(request.getHeaders().getFirst(MODE_HEADER));
    }

    Optional<String> refreshToken(ServerHttpRequest request) {
        return cookie(request, REFRESH_COOKIE).filter(token -> token.length() <= LONGEST_TOKEN);
    }

    /** A new CSRF token: one per login, kept through the session's refreshes. */
    String newCsrfToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The CSRF token of a request that presents the refresh cookie, once checked: the header must
     * equal the CSRF cookie (double submit: a foreign site can make the browser send the cookies but
     * can neither read them nor set this header), and an {@code Origin}, when the browser sends one,
     * must name this host. A 403 saying what is missing otherwise, before any token is spent.
     */
    String checkedCsrfToken(ServerHttpRequest request) {
        String origin = request.getHeaders().getOrigin();
        if (origin != null && !sameHost(origin, request.getURI())) {
            throw forbidden("csrf-origin-mismatch", "The request comes from another site (Origin " + shortened(origin)
                    + "); the session cookie is accepted from this site's own pages only.");
        }
        String header = request.getHeaders().getFirst(CSRF_HEADER);
        if (header == null || header.isBlank()) {
            throw forbidden("csrf-token-missing", "The " + CSRF_HEADER + " header is missing: send the value of the "
                    + CSRF_COOKIE + " cookie in it along with the session cookie.");
        }
        String expected = cookie(request, CSRF_COOKIE).orElseThrow(() -> forbidden("csrf-cookie-missing",
                "The " + CSRF_COOKIE + " cookie is missing; sign in again."));
        // constant time: the comparison must not tell how many leading characters were right
        if (!MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw forbidden("csrf-token-mismatch", "The " + CSRF_HEADER + " header does not match the " + CSRF_COOKIE + " cookie.");
        }
        return expected;
    }

    /** The two cookies of a session, for {@code Set-Cookie}; both live as long as the refresh token. */
    List<String> issued(ServerHttpRequest request, String refreshToken, long refreshExpiresIn, String csrfToken) {
        Duration maxAge = Duration.ofSeconds(refreshExpiresIn);
        return List.of(refreshCookie(request, refreshToken, maxAge), csrfCookie(request, csrfToken, maxAge));
    }

    /** Both cookies expired at once (Max-Age=0): the browser forgets the session. */
    List<String> cleared(ServerHttpRequest request) {
        return List.of(refreshCookie(request, "", Duration.ZERO), csrfCookie(request, "", Duration.ZERO));
    }

    private String refreshCookie(ServerHttpRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(REFRESH_COOKIE, value).httpOnly(true).secure(overTls(request))
                .sameSite("Strict").path(PATH).maxAge(maxAge).build().toString();
    }

    private String csrfCookie(ServerHttpRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(CSRF_COOKIE, value).httpOnly(false).secure(overTls(request))
                .sameSite("Strict").path("/").maxAge(maxAge).build().toString();
    }

    /**
     * Whether the browser reached us over TLS (nginx's HTTPS listener): the scheme as resource-server's
     * ForwardedHeadersFilter leaves it, nginx's {@code X-Forwarded-Proto} applied (and removed).
     */
    private static boolean overTls(ServerHttpRequest request) {
        return "https".equalsIgnoreCase(request.getURI().getScheme());
    }

    /**
     * The port is not compared: nginx passes {@code Host} without it ({@code $host}), while the
     * browser's {@code Origin} has it whenever it is not the scheme's default.
     */
    private static boolean sameHost(String origin, URI request) {
        try {
            String host = URI.create(origin).getHost();
            return host != null && host.equalsIgnoreCase(request.getHost());
        } catch (IllegalArgumentException unreadable) {
            return false; // "null" (a sandboxed or privacy-sensitive context) and junk alike
        }
    }

    private static Optional<String> cookie(ServerHttpRequest request, String name) {
        return Optional.ofNullable(request.getCookies().getFirst(name)).map(HttpCookie::getValue).filter(value -> !value.isEmpty());
    }

    private static String shortened(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }

    private static ApiProblem forbidden(String type, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, type, detail);
    }
}
