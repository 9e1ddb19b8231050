package dev.cinema.recsys.llm;

import dev.cinema.recsys.catalog.CatalogFilm;

import java.util.List;
import java.util.UUID;

/**
 * A catalog film as the prompt lists it: under a short key ({@code c7} a candidate, {@code l2} a
 * liked film) that the model answers with, and only what it needs to judge the film; never the
 * description, which is untrusted text and costs tokens.
 *
 * @param year null when unknown
 */
record ListedFilm(String key, UUID filmId, String title, Integer year, List<String> genres) {

    static ListedFilm of(String key, CatalogFilm film) {
        return new ListedFilm(key, UUID.fromString(film.id()), film.title(), film.year(), film.genreNames());
    }
}
