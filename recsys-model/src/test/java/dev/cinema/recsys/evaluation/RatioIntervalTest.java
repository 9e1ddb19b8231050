package dev.cinema.recsys.evaluation;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RatioIntervalTest {

    @Test
    void aRowTwiceAsGoodForEveryViewerHasARatioOfTwoAndNoDoubt() {
        Map<Long, Double> baseline = new HashMap<>();
        Map<Long, Double> row = new HashMap<>();
        Random random = new Random(1);
        for (long viewer = 0; viewer < 500; viewer++) {
            double score = 0.05 + 0.1 * random.nextDouble();
            baseline.put(viewer, score);
            row.put(viewer, 2 * score);
        }

        RatioInterval interval = RatioInterval.of(row, baseline);

        assertThat(interval.ratio()).isCloseTo(2.0, within(1e-9));
        assertThat(interval.low()).isCloseTo(2.0, within(1e-9));
        assertThat(interval.high()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void noisyScoresGiveAnIntervalAroundTheRatioThatNarrowsWithMoreViewers() {
        RatioInterval few = noisy(100);
        RatioInterval many = noisy(10_000);

        for (RatioInterval interval : new RatioInterval[] {few, many}) {
            assertThat(interval.low()).isLessThan(interval.ratio());
            assertThat(interval.high()).isGreaterThan(interval.ratio());
        }
        assertThat(many.high() - many.low()).isLessThan((few.high() - few.low()) / 4);
        assertThat(many.low()).as("the true ratio, 1.5, inside").isLessThan(1.5);
        assertThat(many.high()).isGreaterThan(1.5);
    }

    @Test
    void onlyViewersScoredByBothCountAndABaselineOfZeroGivesNoRatio() {
        RatioInterval paired = RatioInterval.of(Map.of(1L, 0.4, 2L, 0.2, 3L, 0.9), Map.of(1L, 0.2, 2L, 0.1));
        assertThat(paired.ratio()).isCloseTo(2.0, within(1e-9));

        assertThat(RatioInterval.of(Map.of(1L, 0.5), Map.of(1L, 0.0)).ratio()).isNaN();
    }

    /** Viewers whose hits are coin flips: the row finds a held-out like with 0.3, the baseline with 0.2. */
    private static RatioInterval noisy(int viewers) {
        Map<Long, Double> baseline = new HashMap<>();
        Map<Long, Double> row = new HashMap<>();
        Random random = new Random(7);
        for (long viewer = 0; viewer < viewers; viewer++) {
            baseline.put(viewer, random.nextDouble() < 0.2 ? 1.0 : 0.0);
            row.put(viewer, random.nextDouble() < 0.3 ? 1.0 : 0.0);
        }
        return RatioInterval.of(row, baseline);
    }
}
