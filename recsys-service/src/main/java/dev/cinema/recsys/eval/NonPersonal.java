package dev.cinema.recsys.eval;

import dev.cinema.recsys.eval.MovieLens.Movie;
import dev.cinema.recsys.eval.MovieLens.Rating;
import dev.cinema.recsys.ranking.RankingScore;
import dev.cinema.recsys.ranking.RankingWeights;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The evaluation's two lists that are the same for every viewer: the platform's ranking
 * ({@link RankingScore} over the training likes and dislikes; MovieLens has no catalog rating, so
 * every film's is the mean and only the votes order them) and plain like-count popularity.
 */
final class NonPersonal {

    /** The ranking's dislike weights the validation split chooses from. */
    static final List<Double> DISLIKE_WEIGHTS = List.of(0.0, 0.25, 0.5, 1.0, 2.0);

    /** The ranking with the chosen dislike weight, and what chose it. */
    record TunedRanking(List<Long> order, double dislikeWeight, Map<Double, Double> validationNdcg) {
    }

    private NonPersonal() {
    }

    /**
     * The ranking whose dislike weight has the best NDCG@10 on a validation split of {@code training}
     * (the latest {@code share} of each viewer's likes held out); of equal ones, the smallest.
     */
    static TunedRanking tunedRanking(List<Movie> movies, List<Rating> training, double share, double priorLikes) {
        Holdout validation = Holdout.of(training, share);
        Map<Long, Set<Long>> known = new HashMap<>();
        validation.training().forEach(rating -> known.computeIfAbsent(rating.userId(), viewer -> new HashSet<>()).add(rating.movieId()));
        Map<Double, Double> scores = new LinkedHashMap<>();
        for (double weight : DISLIKE_WEIGHTS) {
            List<Long> order = ranking(movies, validation.training(), new RankingWeights(priorLikes, weight));
            TopTen top = new TopTen("ranking, dislike weight " + weight);
            validation.heldOut().forEach((viewer, relevant) -> top.add(viewer, unknown(order, known.getOrDefault(viewer, Set.of())), relevant, false));
            scores.put(weight, top.ndcg());
        }
        double best = DISLIKE_WEIGHTS.getFirst();
        for (double weight : DISLIKE_WEIGHTS) {
            if (scores.get(weight) > scores.get(best)) {
                best = weight;
            }
        }
        return new TunedRanking(ranking(movies, training, new RankingWeights(priorLikes, best)), best, scores);
    }

    /** Every film, best first by the ranking's score over these likes and dislikes (ties: the film id). */
    static List<Long> ranking(List<Movie> movies, List<Rating> training, RankingWeights weights) {
        Map<Long, Long> likes = countPerFilm(training, rating -> rating.rating() >= Holdout.LIKE);
        Map<Long, Long> dislikes = countPerFilm(training, rating -> rating.rating() <= Holdout.DISLIKE);
        double mean = 2 * training.stream().mapToDouble(Rating::rating).average().orElse(2.5);
        Map<Long, Double> scores = new HashMap<>();
        movies.forEach(movie -> scores.put(movie.movieId(), RankingScore.of(null, mean, likes.getOrDefault(movie.movieId(), 0L).intValue(),
                dislikes.getOrDefault(movie.movieId(), 0L).intValue(), weights)));
        return movies.stream()
                .sorted(Comparator.comparing((Movie movie) -> scores.get(movie.movieId())).reversed().thenComparingLong(Movie::movieId))
                .map(Movie::movieId)
                .toList();
    }

    /** Every film, most liked first in the training part (ties: fewer dislikes, then the film id). */
    static List<Long> mostLiked(List<Movie> movies, List<Rating> training) {
        Map<Long, Long> likes = countPerFilm(training, rating -> rating.rating() >= Holdout.LIKE);
        Map<Long, Long> dislikes = countPerFilm(training, rating -> rating.rating() <= Holdout.DISLIKE);
        return movies.stream()
                .sorted(Comparator.comparing((Movie movie) -> likes.getOrDefault(movie.movieId(), 0L)).reversed()
                        .thenComparing(movie -> dislikes.getOrDefault(movie.movieId(), 0L))
                        .thenComparingLong(Movie::movieId))
                .map(Movie::movieId)
                .toList();
    }

    /** The first ten films of {@code order} the viewer gave no verdict on. */
    private static List<Long> unknown(List<Long> order, Set<Long> known) {
        return order.stream().filter(film -> !known.contains(film)).limit(TopTen.K).toList();
    }

    /** How many of these ratings each film has that pass {@code counted}. */
    private static Map<Long, Long> countPerFilm(List<Rating> ratings, Predicate<Rating> counted) {
        return ratings.stream().filter(counted).collect(Collectors.groupingBy(Rating::movieId, Collectors.counting()));
    }
}
