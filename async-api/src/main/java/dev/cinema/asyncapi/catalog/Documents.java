package dev.cinema.asyncapi.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The documents of the catalog's indices, as catalog-etl writes them (its resources/elasticsearch/*.json). */
public final class Documents {

    private Documents() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Named(String id, String name) {
    }

    /** A film; {@code likes} and {@code dislikes} are the platform's votes, written by recsys-service. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Movie(String id, String title, String description,
                        @JsonProperty("imdb_rating") Double imdbRating,
                        @JsonProperty("creation_date") String creationDate,
                        String type,
                        List<Named> genres, List<Named> directors, List<Named> actors, List<Named> writers,
                        Integer likes, Integer dislikes) {

        public List<Named> genres() {
            return genres == null ? List.of() : genres;
        }

        public List<Named> directors() {
            return directors == null ? List.of() : directors;
        }

        public List<Named> actors() {
            return actors == null ? List.of() : actors;
        }

        public List<Named> writers() {
            return writers == null ? List.of() : writers;
        }

        public int likesOrZero() {
            return likes == null ? 0 : likes;
        }

        public int dislikesOrZero() {
            return dislikes == null ? 0 : dislikes;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Genre(String id, String name, String description) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PersonFilm(String id, List<String> roles) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(String id, @JsonProperty("full_name") String fullName, List<PersonFilm> films) {

        public List<PersonFilm> films() {
            return films == null ? List.of() : films;
        }
    }

    /** One page of hits and how many there are in all. */
    public record Hits<T>(List<T> items, long total) {
    }
}
