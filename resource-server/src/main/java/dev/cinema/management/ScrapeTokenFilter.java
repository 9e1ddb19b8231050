package dev.cinema.management;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * On the management server: every actuator endpoint but health answers only a request bearing the
 * scrape token, when one is set. Health stays open for the probes (local_run.sh, the container's
 * healthcheck), which know no token. The digests of the two tokens are compared, in constant time,
 * so that neither a token's bytes nor its length show in how long a refusal takes.
 */
public class ScrapeTokenFilter implements WebFilter, Ordered {

    private static final String BEARER = "Bearer ";
    private static final byte[] REFUSAL = """
            {"type":"about:blank","title":"Unauthorized","status":401,"detail":"The actuator endpoints other than health need 'Authorization: Bearer <MANAGEMENT_SCRAPE_TOKEN>'."}"""
            .getBytes(StandardCharsets.UTF_8);

    private final byte[] expected;
    private final String basePath;

    /** {@code basePath}: where the endpoints are served, {@code /actuator} unless moved. */
    public ScrapeTokenFilter(ScrapeTokenProperties properties, String basePath) {
        this.expected = properties.required() ? digest(properties.scrapeToken()) : null;
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (expected == null || !isEndpoint(path) || isHealth(path) || bearsTheToken(exchange)) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(REFUSAL)));
    }

    private boolean isEndpoint(String path) {
        return basePath.isEmpty() || path.equals(basePath) || path.startsWith(basePath + "/");
    }

    private boolean isHealth(String path) {
        String health = basePath + "/health";
        return path.equals(health) || path.startsWith(health + "/");
    }

    private boolean bearsTheToken(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(digest(authorization.substring(BEARER.length()).strip()), expected);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
    }

    @Override
    public int getOrder() {
        // before Spring Security's filter chain (which lets the management server's requests through)
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
