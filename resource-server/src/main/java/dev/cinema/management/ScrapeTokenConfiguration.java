package dev.cinema.management;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/** In the context that serves the actuator endpoints, wherever it is (a child context on the management port). */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
class ScrapeTokenConfiguration {

    @Bean
    ScrapeTokenFilter scrapeTokenFilter(ScrapeTokenProperties properties, WebEndpointProperties endpoints) {
        return new ScrapeTokenFilter(properties, endpoints.getBasePath());
    }
}
