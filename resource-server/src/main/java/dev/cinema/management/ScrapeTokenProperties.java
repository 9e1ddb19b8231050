package dev.cinema.management;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The token Prometheus sends to read the actuator endpoints other than health
 * ({@code MANAGEMENT_SCRAPE_TOKEN}); blank: none is asked for, and the management port's address
 * (loopback, or the internal network) is what keeps them private.
 */
@ConfigurationProperties("cinema.management")
public record ScrapeTokenProperties(String scrapeToken) {

    public ScrapeTokenProperties {
        scrapeToken = scrapeToken == null ? "" : scrapeToken.strip();
    }

    boolean required() {
        return !scrapeToken.isEmpty();
    }
}
