package dev.cinema.recsys.evaluation;

import dev.cinema.recsys.evaluation.MovieLens.Rating;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HoldoutTest {

    @Test
    void theLatestFifthOfEachViewersLikesIsHeldOutAndNeutralRatingsAreDropped() {
        List<Rating> ratings = new ArrayList<>();
        for (int film = 1; film <= 10; film++) {
            ratings.add(new Rating(1, film, 4.5, 1000 - film)); // film 10 is the oldest like, film 1 the latest
        }
        ratings.add(new Rating(1, 21, 3.0, 10));   // neither
        ratings.add(new Rating(2, 1, 5.0, 1));     // one like only: not tested

        Holdout holdout = Holdout.of(ratings, 0.2);

        assertThat(holdout.heldOut()).containsOnlyKeys(1L);
        assertThat(holdout.heldOut().get(1L)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(holdout.training()).extracting(Rating::movieId)
                .containsExactlyInAnyOrder(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 1L)
                .doesNotContain(21L);
        assertThat(holdout.training()).filteredOn(rating -> rating.userId() == 1).extracting(Rating::movieId).doesNotContain(1L, 2L);
    }

    @Test
    void aTestedViewerIsKnownOnlyByWhatTheyDidBeforeTheirFirstHeldOutLike() {
        List<Rating> ratings = new ArrayList<>();
        for (int film = 1; film <= 5; film++) {
            ratings.add(new Rating(1, film, 5.0, film * 100L)); // likes at 100 ... 500: film 5 is held out
        }
        ratings.add(new Rating(1, 30, 1.0, 450));  // a dislike before it: known
        ratings.add(new Rating(1, 31, 1.0, 500));  // in the same second as it: maybe after, so not known
        ratings.add(new Rating(1, 32, 1.0, 900));  // a dislike after it: not known
        ratings.add(new Rating(2, 40, 5.0, 800));  // another viewer's later like: known (only the tested viewer's own future is hidden)
        ratings.add(new Rating(2, 32, 1.0, 900));

        Holdout holdout = Holdout.of(ratings, 0.2);

        assertThat(holdout.heldOut().get(1L)).containsExactly(5L);
        assertThat(holdout.training()).filteredOn(rating -> rating.userId() == 1).extracting(Rating::movieId)
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 30L);
        assertThat(holdout.training()).filteredOn(rating -> rating.userId() == 2).extracting(Rating::movieId)
                .containsExactlyInAnyOrder(40L, 32L);
    }

    @Test
    void aViewerWithTwoLikesHasOneHeldOut() {
        Holdout holdout = Holdout.of(List.of(new Rating(7, 1, 4, 1), new Rating(7, 2, 4, 2)), 0.2);

        assertThat(holdout.heldOut().get(7L)).containsExactly(2L);
        assertThat(holdout.training()).extracting(Rating::movieId).containsExactly(1L);
    }
}
