package dev.cinema.recsys.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TopTenTest {

    @Test
    void aPerfectListScoresOneAndAMissScoresZero() {
        TopTen scores = new TopTen("test");
        scores.add(1, List.of(1, 2, 3), Set.of(1, 2), false);
        scores.add(2, List.of(4, 5, 6), Set.of(7), false);

        assertThat(scores.ndcg()).isCloseTo(0.5, within(1e-9));
        assertThat(scores.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(scores.hitRate()).isCloseTo(0.5, within(1e-9));
        assertThat(scores.coverage(12)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aHitCountsLessFurtherDownAndOnlyTheTopTenCounts() {
        TopTen second = new TopTen("second");
        second.add(3, List.of(0, 1), Set.of(1), false);
        assertThat(second.ndcg()).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-9));

        TopTen eleventh = new TopTen("eleventh");
        eleventh.add(4, List.of(0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1), Set.of(1), false);
        assertThat(eleventh.ndcg()).isZero();
        assertThat(eleventh.hitRate()).isZero();
    }

    @Test
    void recallIsTheShareOfTheHeldOutLikesFound() {
        TopTen scores = new TopTen("recall");
        scores.add(5, List.of(1, 2, 3, 4), Set.of(1, 2, 30, 40), false);
        assertThat(scores.recall()).isCloseTo(0.5, within(1e-9));
    }
}
