package dev.cinema.asyncapi.api;

import dev.cinema.asyncapi.catalog.Documents;
import dev.cinema.asyncapi.catalog.Documents.Genre;
import dev.cinema.asyncapi.catalog.Documents.Movie;

import java.util.List;
import java.util.Map;

/** What the API answers, apart from the documents' own field names. */
public final class Views {

    private Views() {
    }

    public record Named(String id, String name) {
        static List<Named> of(List<Documents.Named> named) {
            return named.stream().map(one -> new Named(one.id(), one.name())).toList();
        }
    }

    /** A film in a listing. */
    public record FilmSummary(String id, String title, Double imdbRating, String creationDate, List<Named> genres,
                              int likes, int dislikes) {
        public static FilmSummary of(Movie movie) {
            return new FilmSummary(movie.id(), movie.title(), movie.imdbRating(), movie.creationDate(), Named.of(movie.genres()),
                    movie.likesOrZero(), movie.dislikesOrZero());
        }
    }

    public record FilmDetails(String id, String title, String description, Double imdbRating, String creationDate, String type,
                              List<Named> genres, List<Named> directors, List<Named> actors, List<Named> writers,
                              int likes, int dislikes) {
        public static FilmDetails of(Movie movie) {
            return new FilmDetails(movie.id(), movie.title(), movie.description(), movie.imdbRating(), movie.creationDate(),
                    movie.type(), Named.of(movie.genres()), Named.of(movie.directors()), Named.of(movie.actors()),
                    Named.of(movie.writers()), movie.likesOrZero(), movie.dislikesOrZero());
        }
    }

    public record GenreView(String id, String name, String description) {
        public static GenreView of(Genre genre) {
            return new GenreView(genre.id(), genre.name(), genre.description());
        }
    }

    /** @param title null when the film is no longer in the catalog */
    public record PersonFilm(String id, String title, List<String> roles) {
    }

    public record PersonView(String id, String fullName, List<PersonFilm> films) {
        public static PersonView of(Documents.Person person, Map<String, String> titles) {
            return new PersonView(person.id(), person.fullName(), person.films().stream()
                    .map(film -> new PersonFilm(film.id(), titles.get(film.id()), film.roles() == null ? List.of() : film.roles()))
                    .toList());
        }
    }

    /**
     * A film of the home feed.
     *
     * @param source llm, similar or popular
     * @param reason why it is here, for people
     */
    public record FeedItem(String id, String title, Double imdbRating, String creationDate, List<Named> genres,
                           String source, String reason) {
        public static FeedItem of(Movie movie, String source, String reason) {
            return new FeedItem(movie.id(), movie.title(), movie.imdbRating(), movie.creationDate(), Named.of(movie.genres()),
                    source, reason);
        }
    }
}
