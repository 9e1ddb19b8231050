package dev.cinema.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id nginx gives every request ({@code X-Request-Id}; one is made up when a request
 * comes without, or with one that is not a plain token): echoed in the answer, kept as the
 * exchange attribute {@link #ATTRIBUTE}, and logged by logger {@code dev.cinema.access} with the
 * method, path, status and time: answers of 4xx at INFO, 5xx at WARN, every request at DEBUG.
 */
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger access = LoggerFactory.getLogger("dev.cinema.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = idOf(exchange.getRequest());
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        long started = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> log(exchange, id, started));
    }

    static String idOf(ServerHttpRequest request) {
        String given = request.getHeaders().getFirst(HEADER);
        return given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    private static void log(ServerWebExchange exchange, String id, long started) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        if (code >= 500 ? access.isWarnEnabled() : code >= 400 ? access.isInfoEnabled() : access.isDebugEnabled()) {
            String line = "%s %s -> %d in %d ms [request %s]".formatted(exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), code, (System.nanoTime() - started) / 1_000_000, id);
            if (code >= 500) {
                access.warn(line);
            } else if (code >= 400) {
                access.info(line);
            } else {
                access.debug(line);
            }
        }
    }

    @Override
    public int getOrder() {
        // before Spring Security's filter chain, so that a refused request has its id too
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
