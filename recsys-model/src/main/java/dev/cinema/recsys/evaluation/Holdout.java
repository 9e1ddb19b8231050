package dev.cinema.recsys.evaluation;

import dev.cinema.recsys.evaluation.MovieLens.Rating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The split of the offline evaluation: a rating of 4 or more is a like, 2 or less a dislike (the
 * rest the platform would never hear of); each viewer with at least two likes has the latest
 * {@code share} of them (at least one) held out, and the recommenders know only what that viewer did
 * before the first of them (a like or dislike made later, even of another film, would tell them
 * what the viewer went on to do). Viewers with fewer than two likes are not tested and are known whole.
 *
 * @param training the likes and dislikes the recommenders see, of every viewer
 * @param heldOut  per tested viewer, the films they went on to like
 */
public record Holdout(List<Rating> training, Map<Long, Set<Long>> heldOut) {

    public static final double LIKE = 4.0;
    public static final double DISLIKE = 2.0;

    public static Holdout of(List<Rating> ratings, double share) {
        Map<Long, List<Rating>> byUser = new HashMap<>();
        for (Rating rating : ratings) {
            if (rating.rating() >= LIKE || rating.rating() <= DISLIKE) {
                byUser.computeIfAbsent(rating.userId(), user -> new ArrayList<>()).add(rating);
            }
        }
        List<Rating> training = new ArrayList<>();
        Map<Long, Set<Long>> heldOut = new HashMap<>();
        byUser.forEach((user, stands) -> {
            List<Rating> likes = stands.stream().filter(rating -> rating.rating() >= LIKE)
                    .sorted(Comparator.comparingLong(Rating::timestamp).thenComparingLong(Rating::movieId))
                    .toList();
            Set<Long> held = new LinkedHashSet<>();
            long before = Long.MAX_VALUE;
            if (likes.size() >= 2) {
                int count = Math.max(1, (int) Math.round(share * likes.size()));
                List<Rating> latest = likes.subList(likes.size() - count, likes.size());
                latest.forEach(like -> held.add(like.movieId()));
                heldOut.put(user, held);
                before = latest.getFirst().timestamp();
            }
            long cutoff = before;
            // strictly before: what the viewer did in the same second as the first held-out like may have come after it
            stands.stream().filter(rating -> !held.contains(rating.movieId()) && rating.timestamp() < cutoff).forEach(training::add);
        });
        return new Holdout(training, heldOut);
    }
}
