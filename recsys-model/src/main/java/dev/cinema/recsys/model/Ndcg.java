package dev.cinema.recsys.model;

import java.util.List;
import java.util.Set;

/**
 * Normalised discounted cumulative gain of one ranked list with binary relevance: the measure the
 * offline evaluation and the training job's validation both report, computed the same way.
 */
public final class Ndcg {

    private Ndcg() {
    }

    /** NDCG@k of {@code ranked} for a viewer whose held-out likes are {@code relevant} (0 when none). */
    public static <T> double at(int k, List<T> ranked, Set<T> relevant) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                dcg += discount(i);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += discount(i);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double discount(int position) {
        return 1 / (Math.log(position + 2) / Math.log(2));
    }
}
