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

import java.time.Clock;

/**
 * A {@link ReactiveJwtDecoder} that trusts only RS256 tokens signed by a key in auth-service's
 * JWKS (fetched once and again for an unknown {@code kid}), from the right issuer, for this
 * audience; accepted tokens are remembered until they expire; a token revoked (its session signed
 * out, its account changed) is refused once the revocation feed has it, cached or not. A service
 * keeps its own {@code SecurityWebFilterChain} for its paths.
 */
@AutoConfiguration
@EnableConfigurationProperties({JwtProperties.class, RevocationProperties.class})
@PropertySource("classpath:cinema-jwt-defaults.properties")
public class ResourceServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties, RevocationList revocations) {
        return new RevocationChecking(verifying(properties), revocations);
    }

    /** Signature, issuer, audience and expiry, from the JWKS; accepted tokens remembered. */
    static ReactiveJwtDecoder verifying(JwtProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtSupport.validator(properties));
        return new CachingJwtDecoder(new KeysOutOfReach(decoder), properties.cachedTokens(), properties.cachedTokenMaxAge());
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
