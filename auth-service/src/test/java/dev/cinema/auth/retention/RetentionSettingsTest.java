package dev.cinema.auth.retention;

import dev.cinema.auth.AuthProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The retention's settings as the service binds them at start, from its application.yml. */
class RetentionSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({AuthProperties.class, RetentionSettings.class})
    static class Settings {
    }

    private final ApplicationContextRunner settings = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Settings.class);

    /** The pruning as it is made at start; it checks the rules before it touches the database (none here). */
    private final ApplicationContextRunner pruning = settings
            .withBean(DatabaseClient.class, () -> DatabaseClient.create(ConnectionFactories.get("r2dbc:postgresql://nobody@127.0.0.1:1/none")))
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(TablePruning.class);

    @Test
    void theDefaultsKeepEveryRowTheTokensAndTheLockoutStillNeed() {
        settings.run(started -> {
            assertThat(started).hasNotFailed();
            RetentionSettings retention = started.getBean(RetentionSettings.class);
            AuthProperties auth = started.getBean(AuthProperties.class);
            assertThat(retention.refreshToken()).isEqualTo(auth.refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
            assertThat(retention.loginEvent()).isEqualTo(Duration.ofDays(90));
            assertThat(retention.loginThrottle()).isEqualTo(Duration.ofDays(1)).isGreaterThanOrEqualTo(auth.lockout().maxDelay());
            assertThat(retention.interval()).isEqualTo(Duration.ofHours(1));
            assertThat(retention.batch()).isEqualTo(1_000);
            assertThatNoException().isThrownBy(() -> retention.requireSafeWith(auth));
        });
    }

    @Test
    void theRefreshTokenRetentionFollowsALongerTokenLifeUnlessSet() {
        settings.withPropertyValues("auth.refresh-token-ttl=60d").run(started ->
                assertThat(started.getBean(RetentionSettings.class).refreshToken()).isEqualTo(Duration.ofDays(60)));
    }

    @Test
    void aRefreshTokenRetentionShorterThanATokensLifeFailsTheStartNamingTheRule() {
        pruning.withPropertyValues("auth.retention.refresh-token=7d").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("AUTH_REFRESH_TOKEN_RETENTION, PT168H")
                    .hasMessageContaining("AUTH_REFRESH_TOKEN_TTL, PT720H")
                    .hasMessageContaining("reuse would no longer be detected");
        });
    }

    @Test
    void aThrottleRetentionShorterThanTheLongestLockFailsTheStartNamingTheRule() {
        pruning.withPropertyValues("auth.retention.login-throttle=10m").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("AUTH_LOGIN_THROTTLE_RETENTION, PT10M")
                    .hasMessageContaining("AUTH_LOCKOUT_MAX_DELAY, PT15M")
                    .hasMessageNotContaining("AUTH_REFRESH_TOKEN_RETENTION");
        });
    }

    @Test
    void aBatchAnIntervalOrAHistoryOutOfBoundsFailsTheStart() {
        settings.withPropertyValues("auth.retention.batch=0").run(started -> assertThat(started.getStartupFailure()).rootCause()
                .hasMessageContaining("auth.retention.batch"));
        settings.withPropertyValues("auth.retention.batch=20000").run(started -> assertThat(started).hasFailed());
        settings.withPropertyValues("auth.retention.interval=10ms").run(started -> assertThat(started.getStartupFailure()).rootCause()
                .hasMessageContaining("auth.retention.interval"));
        settings.withPropertyValues("auth.retention.login-event=1h").run(started -> assertThat(started.getStartupFailure()).rootCause()
                .hasMessageContaining("auth.retention.loginEvent"));
    }
}
