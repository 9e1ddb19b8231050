package dev.cinema.security.revocation;

import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

/** auth-service's revocation feed, asked over HTTP. */
public final class HttpRevocationSource implements RevocationSource {

    /** A poll that takes longer is a feed that is down for now: the next poll asks again. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final WebClient client;
    private final String uri;

    public HttpRevocationSource(WebClient.Builder builder, String uri) {
        this.client = builder.build();
        this.uri = uri;
    }

    @Override
    public Mono<RevocationBatch> since(Instant since) {
        return client.get()
                .uri(uri + (since == null ? "" : "?since={since}"), since == null ? new Object[0] : new Object[]{since.toString()})
                .retrieve()
                .bodyToMono(RevocationBatch.class)
                .timeout(TIMEOUT);
    }
}
