package dev.cinema.recsys.eval;

import dev.cinema.recsys.evaluation.Holdout;
import dev.cinema.recsys.evaluation.MovieLens.Rating;
import dev.cinema.recsys.evaluation.TopTen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation's reference row: item-based k-nearest neighbours over the likes (cosine between two
 * films' sets of likers; a viewer's score for a film is the sum of its similarities to the films they
 * liked, over each liked film's {@code k} nearest), a strong simple model that published comparisons
 * keep finding hard to beat. It lives in the evaluation only, computed from the training part, so
 * that the served recommender is measured against a bar it did not set. {@code k} is chosen on a
 * validation split carved from the training part ({@link #tuned}), never on the test split.
 */
final class ItemKnn {

    /** The neighbourhood sizes tried on the validation split. */
    static final List<Integer> NEIGHBOURS = List.of(10, 25, 50, 100, 200, 400, 800, 1600);

    /** The chosen model and what chose it. */
    record Tuned(ItemKnn model, int neighbours, Map<Integer, Double> validationNdcg) {
    }

    private final int neighbours;
    /** Per liked film, its nearest films, most similar first, and their similarities. */
    private final Map<Long, long[]> nearest;
    private final Map<Long, float[]> similarity;
    /** Per viewer, the films they gave a verdict on in the training part (never recommended). */
    private final Map<Long, Set<Long>> known;
    private final Map<Long, List<Long>> liked;

    private ItemKnn(int neighbours, Map<Long, long[]> nearest, Map<Long, float[]> similarity, Map<Long, Set<Long>> known,
                    Map<Long, List<Long>> liked) {
        this.neighbours = neighbours;
        this.nearest = nearest;
        this.similarity = similarity;
        this.known = known;
        this.liked = liked;
    }

    /** The neighbourhood size with the best NDCG@10 on a validation split of {@code training} (the latest {@code share} of each viewer's likes), fitted again on the whole of it. */
    static Tuned tuned(List<Rating> training, double share) {
        Holdout validation = Holdout.of(training, share);
        ItemKnn onValidation = fit(validation.training(), NEIGHBOURS.getLast());
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (int k : NEIGHBOURS) {
            TopTen top = new TopTen("item-kNN k=" + k);
            ItemKnn model = onValidation.withNeighbours(k);
            validation.heldOut().forEach((viewer, relevant) -> top.add(viewer, model.recommend(viewer), relevant, false));
            scores.put(k, top.ndcg());
        }
        int best = scores.entrySet().stream().max(Map.Entry.<Integer, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
        return new Tuned(fit(training, best), best, scores);
    }

    /** The model over these likes and dislikes, keeping each film's {@code neighbours} nearest. */
    static ItemKnn fit(List<Rating> training, int neighbours) {
        Map<Long, List<Long>> liked = new HashMap<>();
        Map<Long, Set<Long>> known = new HashMap<>();
        Map<Long, List<Long>> likers = new HashMap<>();
        for (Rating rating : training) {
            known.computeIfAbsent(rating.userId(), viewer -> new HashSet<>()).add(rating.movieId());
            if (rating.rating() >= Holdout.LIKE) {
                liked.computeIfAbsent(rating.userId(), viewer -> new ArrayList<>()).add(rating.movieId());
                likers.computeIfAbsent(rating.movieId(), film -> new ArrayList<>()).add(rating.userId());
            }
        }
        // films as dense indexes, so that one film's co-like counts fit in one reused array
        long[] films = likers.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < films.length; i++) {
            index.put(films[i], i);
        }
        int[] counts = new int[films.length];
        Map<Long, long[]> nearest = new HashMap<>();
        Map<Long, float[]> similarity = new HashMap<>();
        for (int i = 0; i < films.length; i++) {
            List<Integer> touched = new ArrayList<>();
            for (long viewer : likers.get(films[i])) {
                for (long other : liked.get(viewer)) {
                    int j = index.get(other);
                    if (j != i && counts[j]++ == 0) {
                        touched.add(j);
                    }
                }
            }
            double ownLikers = likers.get(films[i]).size();
            int[] byIndex = touched.stream().mapToInt(Integer::intValue).toArray();
            double[] cosine = new double[byIndex.length];
            for (int t = 0; t < byIndex.length; t++) {
                cosine[t] = counts[byIndex[t]] / Math.sqrt(ownLikers * likers.get(films[byIndex[t]]).size());
                counts[byIndex[t]] = 0;
            }
            Integer[] order = new Integer[byIndex.length];
            for (int t = 0; t < order.length; t++) {
                order[t] = t;
            }
            Arrays.sort(order, (a, b) -> cosine[a] != cosine[b] ? Double.compare(cosine[b], cosine[a]) : Long.compare(films[byIndex[a]], films[byIndex[b]]));
            int keep = Math.min(neighbours, order.length);
            long[] near = new long[keep];
            float[] similar = new float[keep];
            for (int t = 0; t < keep; t++) {
                near[t] = films[byIndex[order[t]]];
                similar[t] = (float) cosine[order[t]];
            }
            nearest.put(films[i], near);
            similarity.put(films[i], similar);
        }
        return new ItemKnn(neighbours, nearest, similarity, known, liked);
    }

    /** The same model with only each film's {@code k} nearest (k at most the fitted size). */
    ItemKnn withNeighbours(int k) {
        return new ItemKnn(Math.min(k, neighbours), nearest, similarity, known, liked);
    }

    /** The viewer's top 10 of the films they gave no verdict on, by their summed similarity to the films they liked. */
    List<Long> recommend(long viewer) {
        Map<Long, Double> scores = new HashMap<>();
        Set<Long> seen = known.getOrDefault(viewer, Set.of());
        for (long film : liked.getOrDefault(viewer, List.of())) {
            long[] near = nearest.getOrDefault(film, new long[0]);
            float[] similar = similarity.get(film);
            for (int t = 0; t < Math.min(neighbours, near.length); t++) {
                if (!seen.contains(near[t])) {
                    scores.merge(near[t], (double) similar[t], Double::sum);
                }
            }
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TopTen.K)
                .map(Map.Entry::getKey)
                .toList();
    }
}
