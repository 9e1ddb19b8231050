package dev.cinema.proxy;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The client's address as nginx saw it, and only nginx: when the connection comes from a trusted
 * proxy, the request's remote address becomes the last {@code X-Forwarded-For} entry (the one that
 * proxy wrote; the ones before it are whatever the client sent) when that entry is an IP literal.
 * From anyone else, and when the entry is no address, the connection's own address stands. Either
 * way the forwarded headers are removed, so that nothing after this filter can read a value a client
 * chose. From a trusted proxy its {@code X-Forwarded-Proto} is taken too (whether the browser came
 * over TLS: auth-service's cookies are then {@code Secure}); nothing here builds links from the
 * request's host, so the host and port are not.
 */
public class ForwardedHeadersFilter implements WebFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    /** What Spring's ForwardedHeaderTransformer would read. */
    static final List<String> FORWARDED_HEADERS = List.of("Forwarded", X_FORWARDED_FOR, "X-Forwarded-Host",
            "X-Forwarded-Port", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Forwarded-Ssl");

    private final List<AddressRange> trustedProxies;

    public ForwardedHeadersFilter(ForwardedProperties properties) {
        this.trustedProxies = properties.ranges();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        if (FORWARDED_HEADERS.stream().noneMatch(headers::containsHeader)) {
            return chain.filter(exchange);
        }
        ServerHttpRequest.Builder cleaned = request.mutate().headers(writable -> FORWARDED_HEADERS.forEach(writable::remove));
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer != null && peer.getAddress() != null && trusted(peer.getAddress())) {
            // (the client's port is nginx's to know: none)
            lastForwardedFor(headers).ifPresent(client -> cleaned.remoteAddress(new InetSocketAddress(client, 0)));
            forwardedScheme(headers).filter(scheme -> !scheme.equals(request.getURI().getScheme()))
                    .ifPresent(scheme -> cleaned.uri(withScheme(request.getURI(), scheme)));
        }
        return chain.filter(exchange.mutate().request(cleaned.build()).build());
    }

    private boolean trusted(InetAddress peer) {
        return trustedProxies.stream().anyMatch(range -> range.contains(peer));
    }

    /** The last entry of the last header line: the hop next to the trusted proxy. */
    static Optional<InetAddress> lastForwardedFor(HttpHeaders headers) {
        List<String> lines = headers.get(X_FORWARDED_FOR);
        if (lines == null || lines.isEmpty()) {
            return Optional.empty();
        }
        String line = lines.getLast();
        return IpLiteral.parse(line.substring(line.lastIndexOf(',') + 1).strip());
    }

    /**
     * The same URI, its text untouched but for the scheme: rebuilding it from its parts would check
     * them again, and a query the service itself answers 400 (or ignores) would fail here as a 500.
     */
    static URI withScheme(URI uri, String scheme) {
        String text = uri.toString();
        return uri.getScheme() == null ? uri : URI.create(scheme + text.substring(uri.getScheme().length()));
    }

    /** The last {@code X-Forwarded-Proto}, when it is http or https. */
    static Optional<String> forwardedScheme(HttpHeaders headers) {
        List<String> lines = headers.get("X-Forwarded-Proto");
        if (lines == null || lines.isEmpty()) {
            return Optional.empty();
        }
        String line = lines.getLast();
        String scheme = line.substring(line.lastIndexOf(',') + 1).strip().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") ? Optional.of(scheme) : Optional.empty();
    }

    @Override
    public int getOrder() {
        // before everything else, Spring Security's filter chain included
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
