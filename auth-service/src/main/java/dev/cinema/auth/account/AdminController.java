package dev.cinema.auth.account;

import dev.cinema.auth.revocation.Revocations;
import dev.cinema.auth.token.RefreshTokens;
import dev.cinema.security.JwtSupport;
import dev.cinema.web.ApiProblem;
import dev.cinema.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * User administration; the security chain lets only ADMIN through. A role change revokes the user's
 * access tokens (the next refresh carries the new roles); disabling ends every session. Each action
 * goes to the audit log.
 */
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final Revocations revocations;
    private final AdminAudit audit;

    AdminController(UserRepository users, RefreshTokens refreshTokens, Revocations revocations, AdminAudit audit) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.audit = audit;
    }

    record RoleChange(@NotEmpty(message = "must name at least one role (USER, ADMIN)") List<Role> roles) {
    }

    record Disabling(@NotNull(message = "is required (true or false)") Boolean disabled) {
    }

    /** Page 0 of 20 when not given; no {@code defaultValue}, which Spring would also give an empty {@code ?page=}, a 400 here. */
    @GetMapping("/users")
    Mono<Page<AccountController.Account>> list(@RequestParam(required = false) @Min(0) @Max(100_000) Integer page,
                                               @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        int number = Objects.requireNonNullElse(page, 0);
        int length = Objects.requireNonNullElse(size, 20);
        return users.findPage(number, length).map(AccountController.Account::of).collectList()
                .zipWith(users.count(), (items, total) -> new Page<>(items, number, length, total));
    }

    @PutMapping("/users/{id}/roles")
    Mono<AccountController.Account> setRoles(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id,
                                             @Valid @RequestBody RoleChange change) {
        return users.updateRoles(id, change.roles())
                .switchIfEmpty(Mono.error(() -> Accounts.userNotFound(id)))
                .flatMap(user -> revocations.userBelow(user.id(), user.tokenVersion())
                        .then(audit.record(JwtSupport.userId(admin), "roles-changed", user.id().toString(), String.join(",", user.roleNames())))
                        .thenReturn(AccountController.Account.of(user)));
    }

    @PutMapping("/users/{id}/disabled")
    Mono<AccountController.Account> setDisabled(@AuthenticationPrincipal Jwt admin, @PathVariable UUID id,
                                                @Valid @RequestBody Disabling change) {
        UUID actor = JwtSupport.userId(admin);
        if (actor.equals(id) && change.disabled()) {
            return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "cannot-disable-self",
                    "An administrator cannot disable their own account: ask another administrator."));
        }
        return users.updateDisabled(id, change.disabled())
                .switchIfEmpty(Mono.error(() -> Accounts.userNotFound(id)))
                .flatMap(user -> (user.disabled() ? refreshTokens.revokeAllOf(user.id()).then() : Mono.<Void>empty())
                        .then(audit.record(actor, user.disabled() ? "disabled" : "enabled", user.id().toString(), user.login()))
                        .thenReturn(AccountController.Account.of(user)));
    }

    /** Page 0 of 20 when not given, newest first. */
    @GetMapping("/audit")
    Mono<Page<AdminAudit.Entry>> audit(@RequestParam(required = false) @Min(0) @Max(100_000) Integer page,
                                       @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        int number = Objects.requireNonNullElse(page, 0);
        int length = Objects.requireNonNullElse(size, 20);
        return audit.page(number, length).collectList()
                .zipWith(audit.count(), (items, total) -> new Page<>(items, number, length, total));
    }
}
