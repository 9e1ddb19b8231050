package dev.cinema.recsys.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MovieLensTest {

    @Test
    void quotedFieldsKeepTheirCommasAndQuotes() {
        assertThat(MovieLens.fields("11,\"American President, The (1995)\",Comedy|Drama|Romance"))
                .containsExactly("11", "American President, The (1995)", "Comedy|Drama|Romance");
        assertThat(MovieLens.fields("1,\"Say \"\"Hi\"\" (2001)\",Drama")).containsExactly("1", "Say \"Hi\" (2001)", "Drama");
        assertThat(MovieLens.fields("1,,")).containsExactly("1", "", "");
    }

    @Test
    void theYearLeavesTheTitleAndATrailingArticleGoesFirst() {
        MovieLens.Movie movie = MovieLens.movie(List.of("11", "American President, The (1995) ", "Comedy|Drama|Romance"));
        assertThat(movie.title()).isEqualTo("The American President");
        assertThat(movie.year()).isEqualTo(1995);
        assertThat(movie.genres()).containsExactly("Comedy", "Drama", "Romance");

        MovieLens.Movie noYear = MovieLens.movie(List.of("2", "Babylon 5", "(no genres listed)"));
        assertThat(noYear.title()).isEqualTo("Babylon 5");
        assertThat(noYear.year()).isNull();
        assertThat(noYear.genres()).isEmpty();
    }

    @Test
    void idsAreStableAndViewersAndFilmsNeverCollide() {
        assertThat(MovieLens.filmId(1)).isEqualTo(MovieLens.filmId(1)).isNotEqualTo(MovieLens.filmId(2)).isNotEqualTo(MovieLens.userId(1));
    }
}
