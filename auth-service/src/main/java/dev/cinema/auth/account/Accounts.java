package dev.cinema.auth.account;

import dev.cinema.web.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Service
public class Accounts {

    private final UserRepository users;
    private final Passwords passwords;
    private final Clock clock;

    Accounts(UserRepository users, Passwords passwords, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Logins are compared case-insensitively: "Alice" and "alice" are one account. */
    public static String normalize(String login) {
        return login.trim().toLowerCase(Locale.ROOT);
    }

    public Mono<User> register(String login, String password, List<Role> roles) {
        String normalized = normalize(login);
        Passwords.checkPolicy(normalized, password);
        return passwords.hash(password)
                .map(hash -> new User(UUID.randomUUID(), normalized, hash, roles,
                        clock.instant().truncatedTo(ChronoUnit.MICROS), 0, false))
                .flatMap(users::insert)
                .onErrorMap(DuplicateKeyException.class, e -> new ApiProblem(HttpStatus.CONFLICT, "login-taken",
                        "The login '" + normalized + "' is taken."));
    }

    public Mono<User> get(UUID id) {
        return users.findById(id).switchIfEmpty(Mono.error(() -> userNotFound(id)));
    }

    /** A disabled account, once its password was right: said plainly, its owner must ask an administrator. */
    public static ApiProblem disabled() {
        return new ApiProblem(HttpStatus.FORBIDDEN, "account-disabled", "This account has been disabled by an administrator.");
    }

    static ApiProblem userNotFound(UUID id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "user-not-found", "No user has the id " + id + ".");
    }
}
