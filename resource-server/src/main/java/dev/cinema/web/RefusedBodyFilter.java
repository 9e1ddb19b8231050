package dev.cinema.web;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request that came with a body which was never read (refused before it, by a bad id in the
 * path or the firewall; or sent to an endpoint that takes none), or that was answered an error,
 * has its connection closed after the answer. Otherwise what is left of the body stays in the
 * kept-alive connection and is read as the start of the next request: with nginx keeping
 * connections to the services, another viewer's request, which then is never answered.
 */
public class RefusedBodyFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!hasBody(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        AtomicBoolean read = new AtomicBoolean();
        ServerHttpRequest watched = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnSubscribe(subscription -> read.set(true));
            }
        };
        exchange.getResponse().beforeCommit(() -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            if (!read.get() || status != null && status.isError()) {
                exchange.getResponse().getHeaders().setConnection("close");
            }
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(watched).build());
    }

    static boolean hasBody(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    @Override
    public int getOrder() {
        // before Spring Security's filter chain, whose firewall refuses requests too
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
