package dev.cinema.asyncapi.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks ugc-service, where reactions are kept, which films the viewer disliked or excluded (with the
 * viewer's own token): known there the moment the viewer pressed, unlike recsys-service, which
 * learns it from events. Down, slow (past {@code ugcTimeout}) or failing: empty, never an error.
 * {@code ugcUrl} may name several instances (comma-separated): each ask goes to the next one, so
 * that a second ask after a failed one goes to another instance, not the one just killed.
 */
@Component
class UgcClient {

    private static final Logger log = LoggerFactory.getLogger(UgcClient.class);

    private record HiddenFilms(List<String> filmIds) {
    }

    private final List<WebClient> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final FeedSettings settings;

    UgcClient(FeedSettings settings) {
        this.settings = settings;
        this.instances = Arrays.stream(settings.ugcUrl().split(",")).map(String::strip).filter(url -> !url.isEmpty())
                .map(url -> WebClient.builder().baseUrl(url).build()).toList();
    }

    Mono<Set<String>> hiddenFilmsOf(String bearerToken) {
        WebClient client = instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
        return client.get().uri("/api/v1/hidden-films")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .retrieve()
                .bodyToMono(HiddenFilms.class)
                .timeout(settings.ugcTimeout())
                .<Set<String>>map(answer -> answer.filmIds() == null ? Set.of() : Set.copyOf(answer.filmIds()))
                .onErrorResume(failure -> {
                    log.info("ugc-service: {}; the viewer's hidden films last known stand in", failure.toString());
                    return Mono.empty();
                });
    }
}
