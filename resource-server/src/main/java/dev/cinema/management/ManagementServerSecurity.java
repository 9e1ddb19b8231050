package dev.cinema.management;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.WebFilter;

import java.util.List;

/**
 * The management server's requests pass through the main context's Spring Security filter too (the
 * child context's handler takes its ancestors' WebFilters, Spring Security's among them: without this
 * chain its health answered 401); this chain, ahead of the service's own, takes them and lets them
 * through, so that the service's rules, written for its API, never see them. What guards the
 * management server is its address and {@link ScrapeTokenFilter}.
 */
final class ManagementServerSecurity {

    /** Boot's name for the management child context's web server. */
    private static final String MANAGEMENT_NAMESPACE = "management";
    /** One filter that does nothing: Spring Security's observed chain fails on a chain without any (a 500). */
    private static final WebFilter NOTHING = (exchange, chain) -> chain.filter(exchange);

    private ManagementServerSecurity() {
    }

    static SecurityWebFilterChain passThrough() {
        ServerWebExchangeMatcher onTheManagementServer = exchange ->
                WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), MANAGEMENT_NAMESPACE)
                        ? ServerWebExchangeMatcher.MatchResult.match()
                        : ServerWebExchangeMatcher.MatchResult.notMatch();
        return new MatcherSecurityWebFilterChain(onTheManagementServer, List.of(NOTHING));
    }
}
