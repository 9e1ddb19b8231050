package dev.cinema.etl.practicum;

import dev.cinema.recsys.evaluation.MovieLens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MovieLensCatalogTest {

    @Test
    void everyMovieIsAFilmUnderTheEvaluationsIdWithItsYearAndGenres(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("movies.csv"), """
                movieId,title,genres
                1,Toy Story (1995),Adventure|Animation|Children
                2,"American President, The (1995)",Comedy|Drama|Romance
                3,Untitled,(no genres listed)
                """);
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
        Path file = dir.resolve("movielens.sqlite");

        assertThat(MovieLensCatalog.write(dir, file)).isEqualTo(3);

        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = sqlite.createStatement()) {
            assertThat(rows(statement, "SELECT id || ' ' || title || ' ' || coalesce(creation_date, '-') || ' ' || coalesce(rating, '-') FROM film_work ORDER BY title"))
                    .containsExactly(MovieLens.filmId(2) + " The American President 1995-01-01 -",
                            MovieLens.filmId(1) + " Toy Story 1995-01-01 -",
                            MovieLens.filmId(3) + " Untitled - -");
            assertThat(rows(statement, "SELECT g.name FROM genre_film_work l JOIN genre g ON g.id = l.genre_id WHERE l.film_work_id = '"
                    + MovieLens.filmId(2) + "' ORDER BY g.name")).containsExactly("Comedy", "Drama", "Romance");
            assertThat(rows(statement, "SELECT count(*) FROM genre")).containsExactly("6");
            assertThat(rows(statement, "SELECT count(*) FROM person")).containsExactly("0");
        }
    }

    private static List<String> rows(Statement statement, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
