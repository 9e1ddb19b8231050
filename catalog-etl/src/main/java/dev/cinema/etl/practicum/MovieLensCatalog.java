package dev.cinema.etl.practicum;

import dev.cinema.recsys.evaluation.MovieLens;
import dev.cinema.recsys.evaluation.MovieLens.Movie;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A MovieLens folder's films as a Practicum-schema catalog, so that the platform can be replayed
 * with MovieLens' viewers: each film under the id the offline evaluation gives it
 * ({@link MovieLens#filmId}), with its title, year and genres. MovieLens has no descriptions, no
 * people and no IMDb ratings, so the catalog has none either.
 */
public final class MovieLensCatalog {

    private MovieLensCatalog() {
    }

    /** Writes {@code file} from {@code dir}'s movies.csv; returns how many films it holds. */
    public static int write(Path dir, Path file) throws IOException, SQLException {
        MovieLens movieLens = MovieLens.read(dir);
        Map<String, UUID> genres = new LinkedHashMap<>();
        try (PracticumFile catalog = PracticumFile.create(file)) {
            for (Movie movie : movieLens.movies()) {
                for (String name : movie.genres()) {
                    if (!genres.containsKey(name)) {
                        UUID id = PracticumFile.nameUuid("movielens-genre", name);
                        genres.put(name, id);
                        catalog.genre(id, name, null);
                    }
                }
                catalog.film(movie.filmId(), movie.title(), null, movie.year() == null ? null : movie.year() + "-01-01", null);
                for (String name : movie.genres()) {
                    catalog.genreLink(movie.filmId(), genres.get(name));
                }
            }
        }
        return movieLens.movies().size();
    }
}
