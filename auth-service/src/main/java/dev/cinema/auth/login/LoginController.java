package dev.cinema.auth.login;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cinema.web.Page;
import dev.cinema.security.JwtSupport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
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

import java.net.InetSocketAddress;
import java.util.Objects;

@RestController
@RequestMapping("/api/v1/auth")
class LoginController {

    private final LoginService logins;
    private final LoginHistory history;

    LoginController(LoginService logins, LoginHistory history) {
        this.logins = logins;
        this.history = history;
    }

    record Credentials(
            @NotBlank(message = "is required") @Size(max = 64, message = "is too long") String login,
            @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String password) {
    }

    record RefreshRequest(
            @JsonProperty("refresh_token")
            @NotBlank(message = "is required") @Size(max = 256, message = "is too long") String refreshToken) {
    }

    /** The OAuth 2 token response shape. */
    record Tokens(@JsonProperty("access_token") String accessToken,
                  @JsonProperty("token_type") String tokenType,
                  @JsonProperty("expires_in") long expiresIn,
                  @JsonProperty("refresh_token") String refreshToken,
                  @JsonProperty("refresh_expires_in") long refreshExpiresIn) {

        static Tokens of(LoginService.TokenPair pair) {
            return new Tokens(pair.accessToken(), "Bearer", pair.accessExpiresIn(), pair.refreshToken(), pair.refreshExpiresIn());
        }
    }

    @PostMapping("/login")
    Mono<ResponseEntity<Tokens>> login(@Valid @RequestBody Credentials credentials, ServerHttpRequest request) {
        return logins.login(credentials.login(), credentials.password(), clientAddress(request),
                        request.getHeaders().getFirst(HttpHeaders.USER_AGENT))
                .map(pair -> ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(Tokens.of(pair)));
    }

    @PostMapping("/refresh")
    Mono<ResponseEntity<Tokens>> refresh(@Valid @RequestBody RefreshRequest body) {
        return logins.refresh(body.refreshToken())
                .map(pair -> ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(Tokens.of(pair)));
    }

    /** Signs out the session of this refresh token (its whole family); unknown tokens get the same 204. */
    @PostMapping("/logout")
    Mono<ResponseEntity<Void>> logout(@Valid @RequestBody RefreshRequest body) {
        return logins.logout(body.refreshToken()).thenReturn(ResponseEntity.noContent().build());
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

    /**
     * The client's address: the connection's, or, from nginx, the one nginx saw (resource-server's
     * ForwardedHeadersFilter takes it from a trusted proxy's X-Forwarded-For when that is an IP literal).
     * Either is an address, never a client's text, and its text (at most 45 characters, and the zone
     * of a link-local peer) fits the login history's 64.
     */
    private static String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
