package dev.cinema.recsys.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The fields of a film's document in the {@code movies} index that recsys-service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogFilm(String id, String title,
                          @JsonProperty("creation_date") String creationDate,
                          @JsonProperty("imdb_rating") Double imdbRating,
                          float[] embedding,
                          List<Genre> genres) {

    /** A genre as the document holds it (its id is not needed here). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Genre(String name) {
    }

    public CatalogFilm(String id, String title, String creationDate, Double imdbRating, float[] embedding) {
        this(id, title, creationDate, imdbRating, embedding, List.of());
    }

    /** The year of release, or null when unknown. */
    public Integer year() {
        return creationDate == null || creationDate.length() < 4 || !creationDate.substring(0, 4).matches("\\d{4}")
                ? null : Integer.valueOf(creationDate.substring(0, 4));
    }

    /** The genres' names, none when the document has none. */
    public List<String> genreNames() {
        return genres == null ? List.of() : genres.stream().map(Genre::name).filter(name -> name != null && !name.isBlank()).toList();
    }

    /** "Alien (1979)", or the title alone when the year is unknown. */
    public String titleWithYear() {
        return creationDate == null || creationDate.length() < 4 ? title : title + " (" + creationDate.substring(0, 4) + ")";
    }
}
