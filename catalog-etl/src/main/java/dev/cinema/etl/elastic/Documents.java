package dev.cinema.etl.elastic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The documents of the three indices, field for field as in {@code resources/elasticsearch/*.json}. */
final class Documents {

    private Documents() {
    }

    record Named(String id, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Movie(String id, String title, String description,
                 @JsonProperty("imdb_rating") Double imdbRating,
                 @JsonProperty("creation_date") String creationDate,
                 String type,
                 List<Named> genres,
                 @JsonProperty("directors_names") List<String> directorsNames,
                 @JsonProperty("actors_names") List<String> actorsNames,
                 @JsonProperty("writers_names") List<String> writersNames,
                 List<Named> directors, List<Named> actors, List<Named> writers,
                 float[] embedding) {
    }

    record Genre(String id, String name, String description) {
    }

    record PersonFilm(String id, List<String> roles) {
    }

    record Person(String id, @JsonProperty("full_name") String fullName, List<PersonFilm> films) {
    }
}
