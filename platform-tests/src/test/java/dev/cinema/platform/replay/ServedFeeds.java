package dev.cinema.platform.replay;

import dev.cinema.recsys.evaluation.MovieLens;
import dev.cinema.recsys.evaluation.MovieLens.Movie;
import dev.cinema.recsys.evaluation.RatioInterval;
import dev.cinema.recsys.evaluation.TopTen;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The replay's scores: each tested viewer's signed-in feed, the anonymous feed and plain like-count
 * popularity (both without the films the viewer reacted to, which the signed-in feed hides too),
 * scored on the viewer's held-out likes as the offline evaluation scores its rows, each row's NDCG
 * against popularity's with a paired bootstrap interval.
 */
final class ServedFeeds {

    private final Map<UUID, Long> movieIds = new HashMap<>();
    private final int catalogSize;
    final TopTen signedIn = new TopTen("signed-in feed");
    final TopTen anonymous = new TopTen("anonymous feed");
    final TopTen popularity = new TopTen("like-count popularity");

    ServedFeeds(List<Movie> movies) {
        movies.forEach(movie -> movieIds.put(MovieLens.filmId(movie.movieId()), movie.movieId()));
        catalogSize = movies.size();
    }

    /** MovieLens' ids of these catalog films, in their order; a film the replay's catalog does not hold would be a miss. */
    List<Long> movieIds(List<UUID> films) {
        return films.stream().map(film -> movieIds.getOrDefault(film, -1L)).toList();
    }

    String table() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "| %-22s | %7s | %9s | %6s | %8s | %-28s |%n",
                "", "NDCG@10", "Recall@10", "HR@10", "coverage", "NDCG / popularity [95%]"));
        for (TopTen row : List.of(popularity, anonymous, signedIn)) {
            RatioInterval ratio = RatioInterval.of(row.ndcgByViewer(), popularity.ndcgByViewer());
            table.append(String.format(Locale.ROOT, "| %-22s | %7.4f | %9.4f | %6.3f | %7.2f%% | %5.2f× [%4.2f, %4.2f]%11s |%n", row.name(),
                    row.ndcg(), row.recall(), row.hitRate(), 100 * row.coverage(catalogSize), ratio.ratio(), ratio.low(), ratio.high(), ""));
        }
        return table.toString();
    }

    /** The top ten of {@code order} without the films the viewer reacted to. */
    static List<Long> unknown(List<Long> order, Set<Long> known) {
        return order.stream().filter(film -> !known.contains(film)).limit(TopTen.K).toList();
    }
}
