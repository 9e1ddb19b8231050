package dev.cinema.recsys.eval;

import dev.cinema.recsys.evaluation.MovieLens.Movie;
import dev.cinema.recsys.evaluation.MovieLens.Rating;
import dev.cinema.recsys.ranking.RankingWeights;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NonPersonalTest {

    private static final List<Movie> MOVIES = List.of(movie(1), movie(2), movie(3));

    @Test
    void theRankingOrdersByLikesLessTheDislikesWeight() {
        List<Rating> votes = new ArrayList<>();
        votes.addAll(stands(1, 5.0, 10));
        votes.addAll(stands(1, 1.0, 8));
        votes.addAll(stands(2, 5.0, 6));
        votes.addAll(stands(3, 5.0, 1));
        assertThat(NonPersonal.ranking(MOVIES, votes, new RankingWeights(25, 0))).containsExactly(1L, 2L, 3L);
        assertThat(NonPersonal.ranking(MOVIES, votes, new RankingWeights(25, 1))).containsExactly(2L, 1L, 3L);
    }

    @Test
    void theDislikeWeightIsChosenOnTheValidationSplit() {
        // The tested viewers like film 3, then film 2 (held out). Film 1 has 40 likes and 60 dislikes,
        // film 2 has 20 likes: only a dislike weight of 0.5 or more puts film 2 first.
        List<Rating> training = new ArrayList<>();
        for (long viewer = 0; viewer < 30; viewer++) {
            training.add(new Rating(viewer, 3, 5.0, 1_000));
            training.add(new Rating(viewer, 2, 5.0, 3_000));
        }
        training.addAll(stands(2, 5.0, 20));
        training.addAll(stands(1, 5.0, 40));
        training.addAll(stands(1, 1.0, 60).stream().map(dislike -> new Rating(dislike.userId() + 500, 1, 1.0, 10)).toList());
        NonPersonal.TunedRanking tuned = NonPersonal.tunedRanking(MOVIES, training, 0.2, 25);
        assertThat(tuned.validationNdcg()).containsOnlyKeys(NonPersonal.DISLIKE_WEIGHTS);
        assertThat(tuned.validationNdcg().get(0.25)).isLessThan(tuned.validationNdcg().get(0.5));
        assertThat(tuned.dislikeWeight()).as("of equal figures the smallest").isEqualTo(0.5);
        assertThat(tuned.order()).as("the whole training part, with the weight chosen").containsExactly(2L, 3L, 1L);
    }

    private static Movie movie(long id) {
        return new Movie(id, "Film " + id, 2000, List.of("Drama"));
    }

    private static List<Rating> stands(long movie, double rating, int viewers) {
        List<Rating> stands = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            stands.add(new Rating(movie * 1_000 + i, movie, rating, 10 + i));
        }
        return stands;
    }
}
