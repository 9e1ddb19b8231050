package dev.cinema.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class NdcgTest {

    @Test
    void aPerfectListScoresOneAndAListWithoutHitsZero() {
        assertThat(Ndcg.at(10, List.of("a", "b", "x"), Set.of("a", "b"))).isEqualTo(1.0);
        assertThat(Ndcg.at(10, List.of("x", "y"), Set.of("a"))).isZero();
        assertThat(Ndcg.at(10, List.of("a"), Set.of())).isZero();
    }

    @Test
    void aHitCountsLessTheLowerItStands() {
        // one relevant film: at the top 1, second 1/log2(3), beyond k nothing
        assertThat(Ndcg.at(10, List.of("x", "a"), Set.of("a"))).isCloseTo(1 / (Math.log(3) / Math.log(2)), offset(1e-12));
        assertThat(Ndcg.at(1, List.of("x", "a"), Set.of("a"))).isZero();
    }
}
