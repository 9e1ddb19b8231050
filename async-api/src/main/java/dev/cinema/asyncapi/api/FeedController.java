package dev.cinema.asyncapi.api;

import dev.cinema.asyncapi.cache.ResponseCache;
import dev.cinema.asyncapi.feed.Feed;
import dev.cinema.web.ApiProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Set;

/**
 * The home feed: the ranking for anyone (cached), the viewer's own feed with a token (made for each
 * request from parts kept under the catalog's version, see {@link Feed}).
 * When Elasticsearch cannot answer (down, or slower than its timeout), the anonymous feed is cut
 * from the ranking last read, and a viewer whose own feed cannot be made gets the cached ranking
 * (or the ranking last read) instead, without the films they disliked or excluded; 503 only when
 * neither is known.
 */
@RestController
@RequestMapping(path = "/api/v1/feed", produces = MediaType.APPLICATION_JSON_VALUE)
class FeedController {

    private final Feed feed;
    private final ResponseCache cache;
    private final JsonMapper json;

    FeedController(Feed feed, ResponseCache cache, JsonMapper json) {
        this.feed = feed;
        this.cache = cache;
        this.json = json;
    }

    /** Page 0 of 20 when not given; no {@code defaultValue}, which Spring would also give an empty {@code ?page=}, a 400 here. */
    @GetMapping
    Mono<String> feed(@AuthenticationPrincipal Jwt viewer,
                      @RequestParam(required = false) @Min(0) @Max(Paging.DEEPEST - 1) Integer page,
                      @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        return pageOf(viewer, Objects.requireNonNullElse(page, 0), Objects.requireNonNullElse(size, 20));
    }

    private Mono<String> pageOf(Jwt viewer, int page, int size) {
        Paging.from(page, size);
        if (viewer == null) {
            // The ranking last read is answered, never cached: the cache would keep it under the new version.
            return cache.json(rankingKey(page, size), () -> feed.ranking(page, size))
                    .onErrorResume(ApiProblem::isUnavailable, down -> rankingLastRead(page, size).switchIfEmpty(Mono.error(down)));
        }
        return feed.recommendationsFor(viewer).flatMap(recommendations ->
                feed.personal(recommendations, page, size).map(json::writeValueAsString)
                        .onErrorResume(ApiProblem::isUnavailable, down -> cache.json(rankingKey(page, size), Mono::empty)
                                .switchIfEmpty(Mono.defer(() -> rankingLastRead(page, size)))
                                .map(ranking -> without(ranking, recommendations.hiddenFilmIds()))
                                .switchIfEmpty(Mono.error(down))));
    }

    private Mono<String> rankingLastRead(int page, int size) {
        return feed.rankingLastRead(page, size).map(json::writeValueAsString);
    }

    private static String rankingKey(int page, int size) {
        return "feed:" + page + ":" + size;
    }

    private String without(String rankingPage, Set<String> hidden) {
        ObjectNode page = (ObjectNode) json.readTree(rankingPage);
        ArrayNode kept = json.createArrayNode();
        page.get("items").forEach(item -> {
            if (!hidden.contains(item.get("id").asString())) {
                kept.add(item);
            }
        });
        page.set("items", kept);
        return json.writeValueAsString(page);
    }
}
