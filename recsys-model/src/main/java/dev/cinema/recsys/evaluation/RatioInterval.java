package dev.cinema.recsys.evaluation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How sure a ratio of two recommenders' mean NDCG is: a 95% percentile bootstrap over the viewers
 * both were scored on, paired (each resample draws viewers with replacement and takes both
 * recommenders' scores of the same viewers), so that what the viewers share, easy or hard to
 * please, cancels out of the ratio.
 *
 * @param ratio the ratio over all viewers: {@code mean(row) / mean(baseline)}
 * @param low   its 2.5th percentile over the resamples
 * @param high  its 97.5th percentile
 */
public record RatioInterval(double ratio, double low, double high) {

    public static final int RESAMPLES = 2_000;
    /** Fixed, so that a run's intervals can be had again from the same scores. */
    private static final long SEED = 20_261_201L;

    public static RatioInterval of(Map<Long, Double> row, Map<Long, Double> baseline) {
        List<Long> viewers = row.keySet().stream().filter(baseline::containsKey).sorted().toList();
        int n = viewers.size();
        double[] scores = new double[n];
        double[] base = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = row.get(viewers.get(i));
            base[i] = baseline.get(viewers.get(i));
        }
        double ratio = ratio(scores, base, null);
        if (n == 0 || Double.isNaN(ratio)) {
            return new RatioInterval(Double.NaN, Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] resampled = new double[RESAMPLES];
        int[] drawn = new int[n];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < n; i++) {
                drawn[i] = random.nextInt(n);
            }
            resampled[r] = ratio(scores, base, drawn);
        }
        Arrays.sort(resampled);
        return new RatioInterval(ratio, percentile(resampled, 0.025), percentile(resampled, 0.975));
    }

    /** sum(scores) / sum(base) over the drawn viewers (all of them when {@code drawn} is null); NaN when the base sums to 0. */
    private static double ratio(double[] scores, double[] base, int[] drawn) {
        double top = 0;
        double bottom = 0;
        for (int i = 0; i < scores.length; i++) {
            int viewer = drawn == null ? i : drawn[i];
            top += scores[viewer];
            bottom += base[viewer];
        }
        return bottom == 0 ? Double.NaN : top / bottom;
    }

    private static double percentile(double[] sorted, double share) {
        int index = (int) Math.ceil(share * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
