package dev.cinema.recsys.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields of a film's document in the {@code movies} index that recsys-service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogFilm(String id, String title,
                          @JsonProperty("creation_date") String creationDate,
                          @JsonProperty("imdb_rating") Double imdbRating,
                          float[] embedding) {

    /** "Alien (1979)", or the title alone when the year is unknown. */
    public String titleWithYear() {
        return creationDate == null || creationDate.length() < 4 ? title : title + " (" + creationDate.substring(0, 4) + ")";
    }
}
