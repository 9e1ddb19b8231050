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
import java.util.Objects;
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

    /** Page 0 of 20 when not given; no {@code defaultValue}, which Spring would also give an empty {@code ?page=}, a 400 here. */
    @GetMapping
    Mono<Page<AccountController.Account>> list(@RequestParam(required = false) @Min(0) @Max(100_000) Integer page,
                                               @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        int number = Objects.requireNonNullElse(page, 0);
        int length = Objects.requireNonNullElse(size, 20);
        return users.findPage(number, length).map(AccountController.Account::of).collectList()
                .zipWith(users.count(), (items, total) -> new Page<>(items, number, length, total));
    }

    @PutMapping("/{id}/roles")
    Mono<AccountController.Account> setRoles(@PathVariable UUID id, @Valid @RequestBody RoleChange change) {
        return users.updateRoles(id, change.roles())
                .map(AccountController.Account::of)
                .switchIfEmpty(Mono.error(() -> Accounts.userNotFound(id)));
    }
}
