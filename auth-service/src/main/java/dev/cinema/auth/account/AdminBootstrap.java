package dev.cinema.auth.account;

import dev.cinema.auth.AuthProperties;
import dev.cinema.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * Creates the first administrator from {@code AUTH_ADMIN_LOGIN} and {@code AUTH_ADMIN_PASSWORD}
 * when no user has that login yet; an existing account is left as it is.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AuthProperties properties;
    private final Accounts accounts;
    private final UserRepository users;

    AdminBootstrap(AuthProperties properties, Accounts accounts, UserRepository users) {
        this.properties = properties;
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuthProperties.Admin admin = properties.admin();
        if (!admin.isConfigured()) {
            return;
        }
        users.findByLogin(Accounts.normalize(admin.login()))
                .hasElement()
                .flatMap(exists -> exists
                        ? Mono.<User>empty()
                        : accounts.register(admin.login(), admin.password(), List.of(Role.USER, Role.ADMIN)))
                .doOnNext(user -> log.info("created the administrator '{}'", user.login()))
                .onErrorResume(ApiProblem.class, e -> {
                    if (e.getStatusCode() == HttpStatus.CONFLICT) {
                        return Mono.empty(); // another instance created it first
                    }
                    return Mono.error(new IllegalStateException(
                            "AUTH_ADMIN_PASSWORD is not acceptable: " + e.getBody().getDetail()));
                })
                .block(Duration.ofSeconds(30));
    }
}
