package dev.cinema.auth.login;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cinema.web.ApiProblem;
import dev.cinema.web.Page;
import dev.cinema.security.JwtSupport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Objects;

@RestController
@RequestMapping("/api/v1/auth")
class LoginController {

    private final LoginService logins;
    private final LoginHistory history;
    private final RefreshCookies cookies;

    LoginController(LoginService logins, LoginHistory history, RefreshCookies cookies) {
        this.logins = logins;
        this.history = history;
        this.cookies = cookies;
    }

    record Credentials(
            @NotBlank(message = "is required") @Size(max = 64, message = "is too long") String login,
            @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String password) {
    }

    record RefreshRequest(
            @JsonProperty("refresh_token")
            @NotBlank(message = "is required") @Size(max = 256, message = "is too long") String refreshToken) {
    }

    /** The OAuth 2 token response shape; without the refresh token when it went into a cookie. */
    record Tokens(@JsonProperty("access_token") String accessToken,
                  @JsonProperty("token_type") String tokenType,
                  @JsonProperty("expires_in") long expiresIn,
                  @JsonProperty("refresh_token") @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken,
                  @JsonProperty("refresh_expires_in") long refreshExpiresIn) {

        static Tokens of(LoginService.TokenPair pair) {
            return new Tokens(pair.accessToken(), "Bearer", pair.accessExpiresIn(), pair.refreshToken(), pair.refreshExpiresIn());
        }

        static Tokens withoutRefreshToken(LoginService.TokenPair pair) {
            return new Tokens(pair.accessToken(), "Bearer", pair.accessExpiresIn(), null, pair.refreshExpiresIn());
        }
    }

    /**
     * A refresh token as the client presented it: in the JSON body, or as the session cookie (then
     * with the request's checked CSRF token, which the session keeps).
     */
    private record Presented(String refreshToken, String csrfToken) {

        boolean fromCookie() {
            return csrfToken != null;
        }
    }

    @PostMapping("/login")
    Mono<ResponseEntity<Tokens>> login(@Valid @RequestBody Credentials credentials, ServerHttpRequest request) {
        return logins.login(credentials.login(), credentials.password(), ClientAddress.of(request),
                        request.getHeaders().getFirst(HttpHeaders.USER_AGENT))
                .map(pair -> answer(pair, request, cookies.asked(request) ? cookies.newCsrfToken() : null));
    }

    /** {@code /session/refresh} is where the browser sends the session cookie ({@link RefreshCookies}). */
    @PostMapping({"/refresh", "/session/refresh"})
    Mono<ResponseEntity<Tokens>> refresh(@Valid @RequestBody(required = false) RefreshRequest body, ServerHttpRequest request) {
        return Mono.fromCallable(() -> presented(body, request))
                .flatMap(presented -> logins.refresh(presented.refreshToken())
                        .map(pair -> answer(pair, request, sessionCsrfToken(presented, request))));
    }

    /**
     * The CSRF token of a session answered with cookies: the one the request's cookie came with, or a
     * new one for a body token whose client asks for cookies from now on; null for a body answer.
     */
    private String sessionCsrfToken(Presented presented, ServerHttpRequest request) {
        if (presented.fromCookie()) {
            return presented.csrfToken();
        }
        return cookies.asked(request) ? cookies.newCsrfToken() : null;
    }

    /**
     * Signs out the session of this refresh token (its whole family); unknown tokens get the same 204.
     * Signed out through the cookie, the browser is told to forget both cookies.
     */
    @PostMapping({"/logout", "/session/logout"})
    Mono<ResponseEntity<Void>> logout(@Valid @RequestBody(required = false) RefreshRequest body, ServerHttpRequest request) {
        return Mono.fromCallable(() -> presented(body, request))
                .flatMap(presented -> logins.logout(presented.refreshToken()).thenReturn(presented.fromCookie()
                        ? ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookies.cleared(request).toArray(String[]::new)).build()
                        : ResponseEntity.noContent().build()));
    }

    /**
     * The body's token first: an API client's call stays what it was, whatever cookies come along.
     * The cookie's only once the CSRF check has passed, before anything is spent.
     */
    private Presented presented(RefreshRequest body, ServerHttpRequest request) {
        if (body != null) {
            return new Presented(body.refreshToken(), null);
        }
        return cookies.refreshToken(request)
                .map(token -> new Presented(token, cookies.checkedCsrfToken(request)))
                .orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "refresh-token-missing",
                        "refresh_token is required: in the JSON body, or as the session cookie that a login with "
                                + RefreshCookies.MODE_HEADER + ": cookie sets."));
    }

    /** The tokens in the body; or, given the session's CSRF token, the refresh token in the cookies instead. */
    private ResponseEntity<Tokens> answer(LoginService.TokenPair pair, ServerHttpRequest request, String csrfToken) {
        var ok = ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (csrfToken == null) {
            return ok.body(Tokens.of(pair));
        }
        return ok.header(HttpHeaders.SET_COOKIE, cookies.issued(request, pair.refreshToken(), pair.refreshExpiresIn(), csrfToken)
                .toArray(String[]::new)).body(Tokens.withoutRefreshToken(pair));
    }

    @PostMapping("/logout-all")
    Mono<ResponseEntity<Void>> logoutEverywhere(@AuthenticationPrincipal Jwt jwt) {
        return logins.logoutEverywhere(JwtSupport.userId(jwt)).thenReturn(ResponseEntity.noContent().build());
    }

    /** Page 0 of 20 when not given; no {@code defaultValue}, which Spring would also give an empty {@code ?page=}, a 400 here. */
    @GetMapping("/me/sessions")
    Mono<Page<LoginHistory.Entry>> sessions(@AuthenticationPrincipal Jwt jwt,
                                            @RequestParam(required = false) @Min(0) @Max(100_000) Integer page,
                                            @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        var userId = JwtSupport.userId(jwt);
        int number = Objects.requireNonNullElse(page, 0);
        int length = Objects.requireNonNullElse(size, 20);
        return history.page(userId, number, length).collectList()
                .zipWith(history.count(userId), (items, total) -> new Page<>(items, number, length, total));
    }
}
