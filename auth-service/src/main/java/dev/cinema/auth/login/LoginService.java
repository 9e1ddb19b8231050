package dev.cinema.auth.login;

import dev.cinema.auth.account.Accounts;
import dev.cinema.auth.account.Passwords;
import dev.cinema.auth.account.User;
import dev.cinema.auth.account.UserRepository;
import dev.cinema.auth.token.AccessTokens;
import dev.cinema.auth.token.RefreshTokens;
import dev.cinema.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.UUID;

@Service
class LoginService {

    /** One message for an unknown login and a wrong password: no account enumeration. */
    private static final String BAD_CREDENTIALS = "The login or the password is wrong.";

    private final UserRepository users;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final IpRateLimiter ipLimiter;
    private final LoginHistory history;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;

    LoginService(UserRepository users, Passwords passwords, LoginThrottle throttle, IpRateLimiter ipLimiter,
                 LoginHistory history, AccessTokens accessTokens, RefreshTokens refreshTokens) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.ipLimiter = ipLimiter;
        this.history = history;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
    }

    record TokenPair(String accessToken, long accessExpiresIn, String refreshToken, long refreshExpiresIn) {
    }

    Mono<TokenPair> login(String rawLogin, String password, String ip, String userAgent) {
        String login = Accounts.normalize(rawLogin);
        return Mono.defer(() -> {
            var wait = ipLimiter.tryAcquire(ip);
            if (wait.isPresent()) {
                return Mono.error(ApiProblem.tooManyRequests("too-many-attempts-from-address",
                        "Too many sign-in attempts from your address", wait.get()));
            }
            return throttle.attempt(login, ip)
                    .flatMap(locked -> Mono.<TokenPair>error(ApiProblem.tooManyRequests("login-locked",
                            "Too many failed sign-in attempts for this login", locked)))
                    .switchIfEmpty(Mono.defer(() -> verify(login, password, ip, userAgent)));
        });
    }

    private Mono<TokenPair> verify(String login, String password, String ip, String userAgent) {
        return users.findByLogin(login)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> passwords.matches(password, user.map(User::passwordHash).orElse(null))
                        .flatMap(matches -> matches
                                ? succeed(user.orElseThrow(), password, ip, userAgent)
                                : fail(user, ip, userAgent)));
    }

    private Mono<TokenPair> succeed(User user, String password, String ip, String userAgent) {
        if (user.disabled()) {
            return history.record(user.id(), ip, userAgent, false).then(Mono.error(Accounts.disabled()));
        }
        Mono<Void> upgrade = passwords.needsUpgrade(user.passwordHash())
                ? passwords.hash(password).flatMap(hash -> users.updatePasswordHash(user.id(), hash))
                : Mono.empty();
        return throttle.reset(user.login(), ip)
                .then(upgrade)
                .then(history.record(user.id(), ip, userAgent, true))
                .then(issue(user, refreshTokens.newSession()));
    }

    /** The attempt was counted already, before the password was checked. */
    private Mono<TokenPair> fail(Optional<User> user, String ip, String userAgent) {
        Mono<Void> recorded = user.map(u -> history.record(u.id(), ip, userAgent, false)).orElse(Mono.empty());
        return recorded.then(Mono.error(new ApiProblem(HttpStatus.UNAUTHORIZED, "bad-credentials", BAD_CREDENTIALS)));
    }

    Mono<TokenPair> refresh(String refreshToken) {
        return refreshTokens.spend(refreshToken)
                .flatMap(spent -> users.findById(spent.userId())
                        .filter(user -> !user.disabled())
                        .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "refresh-token-invalid",
                                "The refresh token is not valid. Sign in again.")))
                        .flatMap(user -> issue(user, spent.session())));
    }

    Mono<Void> logout(String refreshToken) {
        return refreshTokens.revokeFamilyOf(refreshToken);
    }

    Mono<Integer> logoutEverywhere(UUID userId) {
        return refreshTokens.revokeAllOf(userId);
    }

    private Mono<TokenPair> issue(User user, RefreshTokens.Session session) {
        return refreshTokens.issue(user.id(), session).map(refresh -> new TokenPair(accessTokens.issue(user, session.id()),
                accessTokens.ttlSeconds(), refresh.token(), refresh.lifetime().toSeconds()));
    }
}
