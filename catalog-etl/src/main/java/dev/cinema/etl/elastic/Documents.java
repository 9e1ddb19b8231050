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

    /**
     * Every field is sent, null too: the document is merged into the indexed one, and a null clears
     * a value. The vector alone is sent only when computed.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Movie(String id, String title, String description,
                 @JsonProperty("imdb_rating") Double imdbRating,
                 @JsonProperty("creation_date") String creationDate,
                 String type,
                 List<Named> genres,
                 @JsonProperty("directors_names") List<String> directorsNames,
                 @JsonProperty("actors_names") List<String> actorsNames,
                 @JsonProperty("writers_names") List<String> writersNames,
                 List<Named> directors, List<Named> actors, List<Named> writers,
                 // Left out when not computed (--embeddings=off): the merge then keeps the stored vector.
                 @JsonInclude(JsonInclude.Include.NON_NULL) float[] embedding) {

        /**
         * Cleared at every re-index: recsys-service ranks films by votes and rating, and computes
         * a cleared film's popularity again from its new rating (the feed meanwhile uses the rating).
         */
        @JsonProperty("popularity")
        Double popularity() {
            return null;
        }
    }

    record Genre(String id, String name, String description) {
    }

    record PersonFilm(String id, List<String> roles) {
    }

    record Person(String id, @JsonProperty("full_name") String fullName, List<PersonFilm> films) {
    }
}
