package dev.cinema.platform;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the platform knows of films and viewers, asked through nginx. */
final class Catalog {

    private Catalog() {
    }

    /** The ids of the first {@code count} films of the catalog, best rated first. */
    static List<String> films(int count) {
        List<String> films = new ArrayList<>();
        for (int page = 0; films.size() < count; page++) {
            JsonNode items = Http.get("/api/v1/films?sort=-imdb_rating&size=100&page=" + page, null).json().get("items");
            if (items.isEmpty()) {
                throw new IllegalStateException("the catalog holds " + films.size() + " films, fewer than " + count);
            }
            items.forEach(film -> films.add(film.get("id").asString()));
        }
        return List.copyOf(films.subList(0, count));
    }

    /** The titles of these films, in their order. */
    static List<String> titles(List<String> films) {
        return films.stream().map(film -> Http.get("/api/v1/films/" + film, null).json().get("title").asString()).toList();
    }

    /** The films recsys-service holds in the viewer's profile: liked, disliked and excluded. */
    static Set<String> knownToRecsys(String token) {
        Set<String> films = new HashSet<>();
        Http.get("/api/v1/recommendations/me", token).json().get("hiddenFilmIds").forEach(film -> films.add(film.asString()));
        return films;
    }

    /** The viewer's recommendations as recsys-service keeps them. */
    static List<JsonNode> recommendations(String token) {
        return List.copyOf(Http.get("/api/v1/recommendations/me", token).json().get("items").values());
    }

    /** The viewer's home feed: each film's id and where it came from (llm, similar, popular). */
    static List<JsonNode> feed(String token) {
        List<JsonNode> items = new ArrayList<>();
        Http.get("/api/v1/feed?size=20", token).json().get("items").forEach(items::add);
        return items;
    }

    static Set<String> ids(Collection<JsonNode> items) {
        Set<String> ids = new HashSet<>();
        items.forEach(item -> ids.add(item.has("filmId") ? item.get("filmId").asString() : item.get("id").asString()));
        return ids;
    }
}
