package dev.cinema.recsys.ranking;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RankingScoreTest {

    private static final RankingWeights WEIGHTS = new RankingWeights(25, 0.5);

    @Test
    void onAPlatformWithoutLikesTheCatalogRatingDecides() {
        assertThat(RankingScore.of(8.5, 6.0, 0, 0, WEIGHTS)).isGreaterThan(RankingScore.of(7.0, 6.0, 0, 0, WEIGHTS));
        assertThat(RankingScore.of(null, 6.0, 0, 0, WEIGHTS)).as("no rating: the catalog's mean").isEqualTo(RankingScore.of(6.0, 6.0, 0, 0, WEIGHTS));
    }

    @Test
    void aFilmHundredsOfViewersLikedPassesOneAHandfulRatedTen() {
        double handful = RankingScore.of(10.0, 6.0, 3, 0, WEIGHTS);
        double liked = RankingScore.of(6.5, 6.0, 300, 40, WEIGHTS);
        assertThat(liked).isGreaterThan(handful);
    }

    @Test
    void likesOutweighTheRatingOnceThereAreEnoughOfThem() {
        // a 10/10 is worth 25 likes: 16 more likes than a 4/10 film's carry that film past it
        assertThat(RankingScore.of(4.0, 6.0, 16, 0, WEIGHTS)).isGreaterThan(RankingScore.of(10.0, 6.0, 0, 0, WEIGHTS));
        assertThat(RankingScore.of(4.0, 6.0, 14, 0, WEIGHTS)).isLessThan(RankingScore.of(10.0, 6.0, 0, 0, WEIGHTS));
    }

    @Test
    void dislikesTakeAwayTheirWeightEach() {
        assertThat(RankingScore.of(7.0, 6.0, 10, 4, WEIGHTS)).isEqualTo(RankingScore.of(7.0, 6.0, 8, 0, WEIGHTS));
    }
}
