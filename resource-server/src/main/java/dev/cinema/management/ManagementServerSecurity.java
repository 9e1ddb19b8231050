package dev.cinema.management;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

import java.util.List;

/**
 * The management server's requests pass through the main context's Spring Security filter too (the
 * child context's handler takes its ancestors' WebFilters); this chain, ahead of the service's own,
 * takes them and does nothing with them: the service's rules, written for its API, never see them.
 * What guards the management server is its address and the {@link ScrapeTokenFilter}.
 */
final class ManagementServerSecurity {

    /** Boot's name for the management child context's web server. */
    private static final String MANAGEMENT_NAMESPACE = "management";

    private ManagementServerSecurity() {
    }

    static SecurityWebFilterChain passThrough() {
        ServerWebExchangeMatcher onTheManagementServer = exchange ->
                WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), MANAGEMENT_NAMESPACE)
                        ? ServerWebExchangeMatcher.MatchResult.match()
                        : ServerWebExchangeMatcher.MatchResult.notMatch();
        return new MatcherSecurityWebFilterChain(onTheManagementServer, List.of());
    }
}
