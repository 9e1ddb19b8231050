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
 * learns it from events. An answer that does not come in time or fails is asked for once more, of
 * the next instance when {@code ugcUrl} names several (comma-separated; the viewers' requests take
 * turns at the first): a killed instance then costs nothing, and one just restarted, which answers
 * its first requests slowly, costs one ask. Both failing: empty, never an error.
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
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("feed.ugc-url (UGC_URL) names no ugc-service instance: '" + settings.ugcUrl() + "'");
        }
    }

    Mono<Set<String>> hiddenFilmsOf(String bearerToken) {
        int first = next.getAndIncrement();
        return ask(first, bearerToken).switchIfEmpty(Mono.defer(() -> ask(first + 1, bearerToken)));
    }

    private Mono<Set<String>> ask(int turn, String bearerToken) {
        return instances.get(Math.floorMod(turn, instances.size())).get().uri("/api/v1/hidden-films")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .retrieve()
                .bodyToMono(HiddenFilms.class)
                .timeout(settings.ugcTimeout())
                .<Set<String>>map(answer -> answer.filmIds() == null ? Set.of() : Set.copyOf(answer.filmIds()))
                .onErrorResume(failure -> {
                    log.info("ugc-service: {}", failure.toString());
                    return Mono.empty();
                });
    }
}
