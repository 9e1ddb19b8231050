package dev.cinema.recsys.evaluation;

import dev.cinema.recsys.evaluation.MovieLens.Movie;
import dev.cinema.recsys.evaluation.MovieLens.Rating;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Like-count popularity, the baseline every evaluation of a personal recommender is set against. */
public final class LikeCounts {

    private LikeCounts() {
    }

    /** Every film, most liked first in {@code training} (ties: fewer dislikes, then the film id). */
    public static List<Long> mostLiked(List<Movie> movies, List<Rating> training) {
        Map<Long, Long> likes = perFilm(training, rating -> rating.rating() >= Holdout.LIKE);
        Map<Long, Long> dislikes = perFilm(training, rating -> rating.rating() <= Holdout.DISLIKE);
        return movies.stream()
                .sorted(Comparator.comparing((Movie movie) -> likes.getOrDefault(movie.movieId(), 0L)).reversed()
                        .thenComparing(movie -> dislikes.getOrDefault(movie.movieId(), 0L))
                        .thenComparingLong(Movie::movieId))
                .map(Movie::movieId)
                .toList();
    }

    /** How many of these ratings each film has that pass {@code counted}. */
    public static Map<Long, Long> perFilm(List<Rating> ratings, Predicate<Rating> counted) {
        return ratings.stream().filter(counted).collect(Collectors.groupingBy(Rating::movieId, Collectors.counting()));
    }
}
