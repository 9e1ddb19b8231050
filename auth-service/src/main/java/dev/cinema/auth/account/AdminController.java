package dev.cinema.auth.account;

import dev.cinema.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.UUID;

/** User administration; the security chain lets only ADMIN through. */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminController {

    private final UserRepository users;

    AdminController(UserRepository users) {
        this.users = users;
    }

    record RoleChange(@NotEmpty(message = "must name at least one role (USER, ADMIN)") List<Role> roles) {
    }

    @GetMapping
    Mono<Page<AccountController.Account>> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return users.findPage(page, size).map(AccountController.Account::of).collectList()
                .zipWith(users.count(), (items, total) -> new Page<>(items, page, size, total));
    }

    @PutMapping("/{id}/roles")
    Mono<AccountController.Account> setRoles(@PathVariable UUID id, @Valid @RequestBody RoleChange change) {
        return users.updateRoles(id, change.roles())
                .map(AccountController.Account::of)
                .switchIfEmpty(Mono.error(() -> Accounts.userNotFound(id)));
    }
}
