package dev.cinema.auth.account;

import dev.cinema.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Locale;
import java.util.Map;

/**
 * Hashing and the password policy. Hashes carry their algorithm id ({@code {argon2}...}), so a
 * stronger algorithm can take over later and old hashes are upgraded at the next login. Hashing
 * is deliberately expensive: it runs on its own scheduler sized to the cores, off the event loop.
 */
@Component
public class Passwords {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final PasswordEncoder encoder;
    private final Scheduler hashing = Schedulers.newParallel("password-hashing", Runtime.getRuntime().availableProcessors());
    /** Compared against when the login is unknown, so that both answers take as long. */
    private final String dummyHash;

    Passwords() {
        String current = "argon2";
        this.encoder = new DelegatingPasswordEncoder(current, Map.of(
                // argon2id at OWASP's minimum: 19 MiB, 2 iterations, 1 lane (Spring's defaults take 16 MiB);
                // hashes made with less are upgraded at their next sign-in
                current, new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, 1, 19 * 1024, 2),
                "bcrypt", new BCryptPasswordEncoder()));
        this.dummyHash = encoder.encode("not a real password, only for timing");
    }

    /** Throws a 400 naming the broken rule. */
    public static void checkPolicy(String login, String password) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "password-length",
                    "The password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long.");
        }
        if (password.trim().toLowerCase(Locale.ROOT).equals(login.trim().toLowerCase(Locale.ROOT))) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "password-equals-login", "The password must not be the login.");
        }
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(hashing);
    }

    /** Whether the password matches; a null hash (unknown user) is checked against a dummy. */
    public Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> encoder.matches(password, hash == null ? dummyHash : hash) && hash != null)
                .subscribeOn(hashing);
    }

    public boolean needsUpgrade(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
