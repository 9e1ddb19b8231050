package dev.cinema.asyncapi.feed;

import java.util.List;
import java.util.Set;

/**
 * What recsys-service answers for a viewer ({@code GET /api/v1/recommendations/me}): the films
 * recommended, best first, and the films the viewer disliked or said "not interested" to, which
 * the feed never shows.
 */
public record Recommendations(List<Item> items, Set<String> hiddenFilmIds) {

    public static final Recommendations NONE = new Recommendations(List.of(), Set.of());

    /** @param source llm, similar or popular; {@code reason} is for people ("because you liked Alien") */
    public record Item(String filmId, String source, String reason) {
    }

    public List<Item> items() {
        return items == null ? List.of() : items;
    }

    public Set<String> hiddenFilmIds() {
        return hiddenFilmIds == null ? Set.of() : hiddenFilmIds;
    }
}
