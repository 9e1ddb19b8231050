package dev.cinema.recsys.evaluation;

import dev.cinema.recsys.evaluation.MovieLens.Movie;
import dev.cinema.recsys.evaluation.MovieLens.Rating;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LikeCountsTest {

    @Test
    void filmsAreOrderedByLikesAloneThenByFewerDislikes() {
        List<Movie> movies = List.of(movie(1), movie(2), movie(3), movie(4));
        List<Rating> votes = new ArrayList<>();
        votes.addAll(stands(1, 5.0, 10));
        votes.addAll(stands(1, 1.0, 8));
        votes.addAll(stands(2, 4.0, 6));
        votes.addAll(stands(3, 4.5, 6));
        votes.addAll(stands(3, 2.0, 1));
        votes.addAll(stands(4, 3.0, 50)); // neither liked nor disliked

        assertThat(LikeCounts.mostLiked(movies, votes)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(LikeCounts.perFilm(votes, rating -> rating.rating() >= Holdout.LIKE)).containsOnlyKeys(1L, 2L, 3L)
                .containsEntry(1L, 10L).containsEntry(3L, 6L);
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
