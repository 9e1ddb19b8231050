package dev.cinema.asyncapi.feed;

import dev.cinema.asyncapi.api.Views.FeedItem;
import dev.cinema.asyncapi.catalog.Catalog;
import dev.cinema.asyncapi.catalog.Documents.Hits;
import dev.cinema.asyncapi.catalog.Documents.Movie;
import dev.cinema.web.Page;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The home feed. Anonymous: the ranking (see {@link Catalog#ranking}). Signed in: the
 * viewer's recommendations from recsys-service first, then the ranking, never a film the viewer
 * disliked or excluded and never a film twice. Pages run across both parts. The recommended films
 * come from {@link FilmSummaries} and the ranking's first films, for both feeds, from
 * {@link RankingTop}, both kept in memory under the catalog's version.
 */
@Component
public class Feed {

    static final String POPULAR = "popular";

    private final Catalog catalog;
    private final ViewerRecommendations viewers;
    private final RankingTop top;
    private final FilmSummaries summaries;

    Feed(Catalog catalog, ViewerRecommendations viewers, RankingTop top, FilmSummaries summaries) {
        this.catalog = catalog;
        this.viewers = viewers;
        this.top = top;
        this.summaries = summaries;
    }

    public Mono<Page<FeedItem>> ranking(int page, int size) {
        return rankingWithout(top.get(), Set.of(), page * size, size)
                .map(ranked -> new Page<>(ranked.items(), page, size, ranked.total()));
    }

    /**
     * The page of the ranking last read (see {@link RankingTop#lastRead}), for when Elasticsearch
     * cannot answer {@link #ranking}; empty when none was read or the page lies past it.
     */
    public Mono<Page<FeedItem>> rankingLastRead(int page, int size) {
        return top.lastRead().flatMap(ranking -> Mono.justOrEmpty(cut(ranking, Set.of(), page * size, size)))
                .map(ranked -> new Page<>(ranked.items(), page, size, ranked.total()));
    }

    /** The viewer's recommendations and hidden films, fresh or last known ({@link ViewerRecommendations}). */
    public Mono<Recommendations> recommendationsFor(Jwt viewer) {
        return viewers.of(viewer);
    }

    /** The viewer's own feed, made from what {@link #recommendationsFor} answered. */
    public Mono<Page<FeedItem>> personal(Recommendations recommendations, int page, int size) {
        Set<String> hidden = recommendations.hiddenFilmIds();
        List<Recommendations.Item> wanted = recommendations.items().stream()
                .filter(item -> !hidden.contains(item.filmId()))
                .collect(Collectors.toMap(Recommendations.Item::filmId, Function.identity(), (first, again) -> first,
                        LinkedHashMap::new))
                .values().stream().toList();
        return summaries.films(wanted.stream().map(Recommendations.Item::filmId).toList()).flatMap(found -> {
            Map<String, Movie> films = found.stream().collect(Collectors.toMap(Movie::id, Function.identity()));
            List<FeedItem> recommended = wanted.stream().filter(item -> films.containsKey(item.filmId()))
                    .map(item -> FeedItem.of(films.get(item.filmId()), item.source(), item.reason())).toList();
            Set<String> notAgain = new HashSet<>(hidden);
            recommended.forEach(item -> notAgain.add(item.id()));

            int from = page * size;
            List<FeedItem> items = new ArrayList<>(recommended.subList(Math.min(from, recommended.size()),
                    Math.min(from + size, recommended.size())));
            int rankingFrom = Math.max(0, from - recommended.size());
            return rankingWithout(top.getOrLastRead(), notAgain, rankingFrom, size - items.size()).map(ranked -> {
                items.addAll(ranked.items());
                return new Page<>(List.copyOf(items), page, size, recommended.size() + ranked.total());
            });
        });
    }

    private record Ranked(List<FeedItem> items, long total) {
    }

    /**
     * The ranking without the viewer's films, cut from its top (see {@link RankingTop}) when that
     * holds the page, else asked of Elasticsearch.
     */
    private Mono<Ranked> rankingWithout(Mono<Hits<Movie>> top, Set<String> excluded, int from, int size) {
        return top.flatMap(ranking -> cut(ranking, excluded, from, size).map(Mono::just)
                .orElseGet(() -> rankingFrom(excluded, from, size)));
    }

    /**
     * The page cut from a top of the ranking without the films of {@code excluded}; empty when the
     * page lies past the top. The films of {@code excluded} past the top are counted as in the
     * catalog (they are films the viewer reacted to or was recommended, all from the catalog).
     */
    private static Optional<Ranked> cut(Hits<Movie> ranking, Set<String> excluded, int from, int size) {
        List<Movie> kept = ranking.items().stream().filter(movie -> !excluded.contains(movie.id())).toList();
        boolean wholeCatalog = ranking.items().size() >= ranking.total();
        int to = from + Math.max(size, 0);
        if (!wholeCatalog && to > kept.size()) {
            return Optional.empty();
        }
        long total = wholeCatalog ? kept.size() : Math.max(0, ranking.total() - excluded.size());
        List<FeedItem> page = kept.subList(Math.min(from, kept.size()), Math.min(to, kept.size())).stream()
                .map(movie -> FeedItem.of(movie, POPULAR, reason(movie))).toList();
        return Optional.of(new Ranked(page, total));
    }

    private Mono<Ranked> rankingFrom(Set<String> excluded, int from, int size) {
        return catalog.ranking(excluded, from, Math.max(size, 0))
                .map(hits -> new Ranked(size <= 0 ? List.of() : hits.items().stream()
                        .map(movie -> FeedItem.of(movie, POPULAR, reason(movie))).toList(), hits.total()));
    }

    static String reason(Movie movie) {
        if (movie.likesOrZero() > 0) {
            return movie.likesOrZero() == 1 ? "Liked by a viewer here" : "Liked by " + movie.likesOrZero() + " viewers here";
        }
        if (movie.imdbRating() != null) {
            return "Rated " + movie.imdbRating() + " on IMDb";
        }
        return "Popular now";
    }
}
