package dev.cinema.security;

import dev.cinema.security.revocation.HttpRevocationSource;
import dev.cinema.security.revocation.RevocationChecking;
import dev.cinema.security.revocation.RevocationFeed;
import dev.cinema.security.revocation.RevocationList;
import dev.cinema.security.revocation.RevocationProperties;
import dev.cinema.security.revocation.RevocationSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;

/**
 * A {@link ReactiveJwtDecoder} that trusts only RS256 tokens signed by a key in auth-service's
 * JWKS (kept fresh by {@link JwksCache}), from the right issuer, for this audience; accepted tokens
 * are remembered until they expire or their key is withdrawn; a token revoked (its session signed
 * out, its account changed) is refused once the revocation feed has it, remembered or not. A
 * service keeps its own {@code SecurityWebFilterChain} for its paths.
 */
@AutoConfiguration
@EnableConfigurationProperties({JwtProperties.class, RevocationProperties.class})
@PropertySource("classpath:cinema-jwt-defaults.properties")
public class ResourceServerAutoConfiguration {

    /**
     * Declared before {@link #jwtDecoder}, whose keys these are: a service with a decoder of its own
     * (auth-service checks its own keys) gets neither, and no loop fetching a JWKS nobody reads.
     */
    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    JwksCache jwksCache(JwtProperties properties, ObjectProvider<WebClient.Builder> webClients) {
        return new JwksCache(webClients.getIfAvailable(WebClient::builder).build(), properties.jwksUri(),
                properties.jwksLifetime(), properties.jwksMinRefetch(), Schedulers.parallel());
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties, JwksCache jwks, RevocationList revocations) {
        return new RevocationChecking(verifying(properties, jwks), revocations);
    }

    /** Signature, issuer, audience and expiry, with the JWKS' keys; accepted tokens remembered. */
    ReactiveJwtDecoder verifying(JwtProperties properties, JwksCache jwks) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(jwks::keysFor)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtSupport.validator(properties));
        return new CachingJwtDecoder(new KeysOutOfReach(decoder), jwks::publishes, properties.cachedTokens(), properties.cachedTokenMaxAge());
    }

    @Bean
    @ConditionalOnMissingBean
    RevocationList revocationList() {
        return new RevocationList(Clock.systemUTC());
    }

    /** auth-service's feed over HTTP; auth-service itself reads its own database instead. */
    @Bean
    @ConditionalOnMissingBean
    RevocationSource revocationSource(RevocationProperties properties, ObjectProvider<WebClient.Builder> builder) {
        return new HttpRevocationSource(builder.getIfAvailable(WebClient::builder), properties.uri());
    }

    @Bean
    @ConditionalOnMissingBean
    RevocationFeed revocationFeed(RevocationSource source, RevocationList list, RevocationProperties properties,
                                  ObjectProvider<MeterRegistry> meters) {
        return new RevocationFeed(source, list, properties.interval(), Clock.systemUTC(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Every service's security filter chain answers the firewall's refusals as {@link ProblemSecurityHandlers#exchangeRejectedHandler()} says. */
    @Bean
    static BeanPostProcessor firewallRefusalsAsProblems() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof WebFilterChainProxy chain) {
                    chain.setExchangeRejectedHandler(ProblemSecurityHandlers.exchangeRejectedHandler());
                }
                return bean;
            }
        };
    }
}
