package dev.cinema.auth.account;

import dev.cinema.security.JwtSupport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/auth")
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    record Registration(
            @NotNull(message = "is required")
            @Size(min = 3, max = 64, message = "must be 3 to 64 characters long")
            @Pattern(regexp = "\\s*[A-Za-z0-9._@+-]+\\s*", message = "may contain only letters, digits and . _ @ + -")
            String login,
            @NotNull(message = "is required")
            @Size(max = 1024, message = "is too long")
            String password) {
    }

    record Account(UUID id, String login, List<String> roles, Instant created, boolean disabled) {

        static Account of(User user) {
            return new Account(user.id(), user.login(), user.roleNames(), user.created(), user.disabled());
        }
    }

    @PostMapping("/register")
    Mono<ResponseEntity<Account>> register(@Valid @RequestBody Registration registration) {
        return accounts.register(registration.login(), registration.password(), List.of(Role.USER))
                .map(user -> ResponseEntity.created(URI.create("/api/v1/auth/me")).body(Account.of(user)));
    }

    @GetMapping("/me")
    Mono<Account> me(@AuthenticationPrincipal Jwt jwt) {
        return accounts.get(JwtSupport.userId(jwt)).map(Account::of);
    }
}
