package dev.cinema.proxy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The proxies whose forwarded headers are believed: nginx's address, as CIDR blocks or single
 * addresses ({@code CINEMA_TRUSTED_PROXIES}); none (an empty list): every connection stands for itself.
 * One that cannot be read stops the service at start.
 */
@ConfigurationProperties("cinema.forwarded")
public record ForwardedProperties(List<String> trustedProxies) {

    public ForwardedProperties {
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::strip).filter(cidr -> !cidr.isEmpty()).toList();
        trustedProxies.forEach(AddressRange::parse);
    }

    List<AddressRange> ranges() {
        return trustedProxies.stream().map(AddressRange::parse).toList();
    }
}
