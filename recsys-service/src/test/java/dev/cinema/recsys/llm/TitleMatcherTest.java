package dev.cinema.recsys.llm;

import dev.cinema.recsys.catalog.CatalogFilm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TitleMatcherTest {

    private static CatalogFilm film(String title, String date) {
        return new CatalogFilm("id", title, date, 8.0, null);
    }

    @Test
    void acceptsTheSameTitleDespiteCaseAccentsPunctuationAndAYearOff() {
        assertThat(TitleMatcher.accepts(new SuggestedFilm("amelie", 2001), film("Amélie", "2001-04-25"))).isTrue();
        assertThat(TitleMatcher.accepts(new SuggestedFilm("Star Wars - Episode IV: A New Hope", 1978),
                film("Star Wars: Episode IV - A New Hope", "1977-05-25"))).isTrue();
        assertThat(TitleMatcher.accepts(new SuggestedFilm("Blade Runner", null), film("Blade Runner", null))).isTrue();
    }

    @Test
    void refusesAnotherFilmWithASimilarTitleOrAnotherYear() {
        assertThat(TitleMatcher.accepts(new SuggestedFilm("Alien", 1979), film("Aliens", "1986-07-18"))).isFalse();
        assertThat(TitleMatcher.accepts(new SuggestedFilm("Blade Runner 2049", 2017), film("Blade Runner", "1982-06-25"))).isFalse();
        assertThat(TitleMatcher.accepts(new SuggestedFilm("Dune", 2021), film("Dune", "1984-12-14"))).isFalse();
        assertThat(TitleMatcher.accepts(new SuggestedFilm("The Galactic Saga of Nowhere", 2003), film("The Godfather", "1972-03-24"))).isFalse();
    }
}
