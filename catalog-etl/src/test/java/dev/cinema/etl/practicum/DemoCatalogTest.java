package dev.cinema.etl.practicum;

import dev.cinema.etl.practicum.DemoCatalog.DemoFilm;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCatalogTest {

    private final List<DemoFilm> films = DemoCatalog.films();

    @Test
    void theDemoCatalogHasAtLeastOneHundredFiftyDistinctFilms() {
        assertThat(films).hasSizeGreaterThanOrEqualTo(150);
        Set<java.util.UUID> ids = new HashSet<>();
        films.forEach(film -> assertThat(ids.add(DemoCatalog.filmId(film.title(), film.year()))).as(film.title()).isTrue());
    }

    @Test
    void everyFilmIsCompleteAndUsesPracticumGenres() {
        assertThat(films).allSatisfy(film -> {
            assertThat(film.year()).isBetween(1895, 2026);
            assertThat(film.rating()).isBetween(1.0, 10.0);
            assertThat(film.genres()).isNotEmpty().isSubsetOf(SyntheticCatalog.GENRES);
            assertThat(film.directors()).isNotEmpty();
            assertThat(film.actors()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(film.description().split(" ")).hasSizeGreaterThan(8);
        });
    }
}
