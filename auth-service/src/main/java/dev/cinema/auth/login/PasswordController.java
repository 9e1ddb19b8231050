package dev.cinema.auth.login;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cinema.auth.account.Accounts;
import dev.cinema.auth.account.Passwords;
import dev.cinema.auth.account.UserRepository;
import dev.cinema.auth.token.RefreshTokens;
import dev.cinema.security.JwtSupport;
import dev.cinema.web.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A viewer changes their password with the current one. Every session ends (204; sign in again with
 * the new password): whoever knew the old password and signed in with it is out too. The current
 * password is checked under the same lockout as a sign-in, so a stolen access token cannot be
 * used to guess it faster than a login form could.
 */
@RestController
class PasswordController {

    private final UserRepository users;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final RefreshTokens refreshTokens;

    PasswordController(UserRepository users, Passwords passwords, LoginThrottle throttle, RefreshTokens refreshTokens) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
    }

    record PasswordChange(
            @JsonProperty("current_password") @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String currentPassword,
            @JsonProperty("new_password") @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String newPassword) {
    }

    @PutMapping("/api/v1/auth/me/password")
    Mono<ResponseEntity<Void>> change(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody PasswordChange change,
                                      ServerHttpRequest request) {
        String address = ClientAddress.of(request);
        return users.findById(JwtSupport.userId(jwt))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "account-gone", "This account no longer exists.")))
                .flatMap(user -> throttle.attempt(user.login(), address)
                        .flatMap(locked -> Mono.<Void>error(ApiProblem.tooManyRequests("login-locked",
                                "Too many failed attempts at this account's password", locked)))
                        .then(passwords.matches(change.currentPassword(), user.passwordHash()))
                        .flatMap(matches -> {
                            if (!matches) {
                                return Mono.error(new ApiProblem(HttpStatus.FORBIDDEN, "wrong-current-password",
                                        "The current password is wrong."));
                            }
                            Passwords.checkPolicy(user.login(), change.newPassword());
                            return throttle.reset(user.login(), address)
                                    .then(passwords.hash(change.newPassword()))
                                    .flatMap(hash -> users.updatePasswordHash(user.id(), hash))
                                    .then(refreshTokens.revokeAllOf(user.id()));
                        }))
                .thenReturn(ResponseEntity.noContent().build());
    }
}
