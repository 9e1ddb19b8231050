package dev.cinema.security;

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

/**
 * A {@link ReactiveJwtDecoder} that trusts only RS256 tokens signed by a key in auth-service's
 * JWKS (fetched once and again for an unknown {@code kid}), from the right issuer, for this
 * audience; accepted tokens are remembered until they expire. A service keeps its own {@code SecurityWebFilterChain} for its paths.
 */
@AutoConfiguration
@EnableConfigurationProperties(JwtProperties.class)
@PropertySource("classpath:cinema-jwt-defaults.properties")
public class ResourceServerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtSupport.validator(properties));
        return new CachingJwtDecoder(new KeysOutOfReach(decoder), properties.cachedTokens(), properties.cachedTokenMaxAge());
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
