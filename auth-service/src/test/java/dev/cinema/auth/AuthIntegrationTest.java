package dev.cinema.auth;

import dev.cinema.infra.EmbeddedServers;
import dev.cinema.infra.ServerKind;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * auth-service against a real PostgreSQL, one application context for every test class: a low
 * lockout threshold (3 per login and address, 8 per login), a generous per-address limit (tests that
 * try it use their own address), a first administrator, old rows pruned every half second, 100 per
 * statement, and a scrape token for the management port's metrics. nginx's address, loopback, is the
 * tests' too: their {@code X-Forwarded-For} is believed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedServers(ServerKind.POSTGRES)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "auth.lockout.free-attempts=3",
        "auth.lockout.base-delay=30s",
        "auth.login-lockout.free-attempts=" + AuthIntegrationTest.LOGIN_FREE_ATTEMPTS,
        "auth.login-lockout.base-delay=30s",
        "auth.ip-limit.attempts-per-minute=20",
        "auth.retention.interval=500ms",
        "auth.retention.batch=100",
        "auth.admin.login=" + AuthIntegrationTest.ADMIN_LOGIN,
        "auth.admin.password=" + AuthIntegrationTest.ADMIN_PASSWORD,
        "cinema.management.scrape-token=" + AuthIntegrationTest.SCRAPE_TOKEN})
@AutoConfigureWebTestClient
public @interface AuthIntegrationTest {

    String ADMIN_LOGIN = "root-admin";
    String ADMIN_PASSWORD = "admin-password-for-tests";
    int LOGIN_FREE_ATTEMPTS = 8;
    String SCRAPE_TOKEN = "scrape-token-for-tests";
}
