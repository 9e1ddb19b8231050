package dev.cinema.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** Which services get the JWKS-backed decoder and its background refresh. */
class ResourceServerAutoConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResourceServerAutoConfiguration.class))
            // A JWKS nobody serves: the refresh's failures must not stop the context.
            .withPropertyValues("cinema.jwt.jwks-uri=http://127.0.0.1:9/.well-known/jwks.json");

    @Test
    void aServiceGetsTheDecoderAndItsKeysRefreshingInTheBackground() {
        contexts.run(context -> {
            assertThat(context).hasSingleBean(ReactiveJwtDecoder.class).hasSingleBean(JwksCache.class);
            assertThat(context.getBean(JwksCache.class).isRunning()).isTrue();
        });
    }

    @Test
    void aServiceWithADecoderOfItsOwnFetchesNoJwks() {
        ReactiveJwtDecoder own = token -> Mono.empty();
        contexts.withBean(ReactiveJwtDecoder.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean(JwksCache.class);
            assertThat(context.getBean(ReactiveJwtDecoder.class)).isSameAs(own);
        });
    }
}
