package dev.cinema.management;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The actuator endpoints on a management port of their own (each service's {@code management.server.port}
 * and {@code .address}: loopback or the internal network, never nginx), with {@link ScrapeTokenFilter}
 * there (registered by {@link ScrapeTokenConfiguration} in the management context).
 */
@AutoConfiguration
@EnableConfigurationProperties(ScrapeTokenProperties.class)
@PropertySource("classpath:cinema-management-defaults.properties")
public class ManagementAutoConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain managementServerSecurityChain() {
        return ManagementServerSecurity.passThrough();
    }
}
