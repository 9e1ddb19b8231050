package dev.cinema.proxy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * {@link ForwardedHeadersFilter} in every service, in place of Spring Boot's
 * {@code server.forward-headers-strategy}, which believes the headers whoever sends them
 * (each service sets that to {@code none}).
 */
@AutoConfiguration
@EnableConfigurationProperties(ForwardedProperties.class)
@PropertySource("classpath:cinema-forwarded-defaults.properties")
public class ForwardedHeadersAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ForwardedHeadersFilter forwardedHeadersFilter(ForwardedProperties properties) {
        return new ForwardedHeadersFilter(properties);
    }
}
