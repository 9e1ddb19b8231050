package dev.cinema.recsys.eval;

import dev.cinema.recsys.evaluation.Holdout;
import dev.cinema.recsys.evaluation.LikeCounts;
import dev.cinema.recsys.evaluation.MovieLens.Movie;
import dev.cinema.recsys.evaluation.MovieLens.Rating;
import dev.cinema.recsys.evaluation.TopTen;
import dev.cinema.recsys.ranking.RankingScore;
import dev.cinema.recsys.ranking.RankingWeights;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation's two lists that are the same for every viewer: the platform's ranking
 * ({@link RankingScore} over the training likes and dislikes; MovieLens has no catalog rating, so
 * every film's is the mean and only the votes order them; like-count popularity is {@link LikeCounts}).
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
        Map<Long, Long> likes = LikeCounts.perFilm(training, rating -> rating.rating() >= Holdout.LIKE);
        Map<Long, Long> dislikes = LikeCounts.perFilm(training, rating -> rating.rating() <= Holdout.DISLIKE);
        double mean = 2 * training.stream().mapToDouble(Rating::rating).average().orElse(2.5);
        Map<Long, Double> scores = new HashMap<>();
        movies.forEach(movie -> scores.put(movie.movieId(), RankingScore.of(null, mean, likes.getOrDefault(movie.movieId(), 0L).intValue(),
                dislikes.getOrDefault(movie.movieId(), 0L).intValue(), weights)));
        return movies.stream()
                .sorted(Comparator.comparing((Movie movie) -> scores.get(movie.movieId())).reversed().thenComparingLong(Movie::movieId))
                .map(Movie::movieId)
                .toList();
    }

    /** The first ten films of {@code order} the viewer gave no verdict on. */
    private static List<Long> unknown(List<Long> order, Set<Long> known) {
        return order.stream().filter(film -> !known.contains(film)).limit(TopTen.K).toList();
    }
}
