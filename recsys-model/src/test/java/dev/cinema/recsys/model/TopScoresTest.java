package dev.cinema.recsys.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopScoresTest {

    @Test
    void keepsTheHighestScoresBestFirstAndTiesGoToTheLowerIndex() {
        TopScores top = new TopScores(3);
        double[] scores = {0.1, 0.9, 0.5, 0.9, 0.2, 0.7};
        for (int i = 0; i < scores.length; i++) {
            top.offer(i, scores[i]);
        }
        assertThat(top.indexesBestFirst()).containsExactly(1, 3, 5);
    }
}
