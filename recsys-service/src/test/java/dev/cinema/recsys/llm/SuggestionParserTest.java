package dev.cinema.recsys.llm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuggestionParserTest {

    @Test
    void readsTheFilmsEvenInsideCodeFencesAndWords() {
        String answer = """
                Sure! Here you go:
                ```json
                {"films": [{"title": "Aliens", "year": 1986, "because": "Alien (1979)"}, {"title": " Heat ", "year": "1995"}]}
                ```""";
        assertThat(SuggestionParser.parse(answer, 10)).containsExactly(
                new SuggestedFilm("Aliens", 1986, "Alien (1979)"),
                new SuggestedFilm("Heat", 1995, null));
    }

    @Test
    void dropsFilmsWithoutATitleOrWithAnAbsurdYearAndKeepsAtMostMax() {
        String answer = """
                {"films": [{"title": ""}, {"year": 1999}, {"title": 42}, {"title": "Solaris", "year": 30000},
                           {"title": "Stalker", "year": 1979}, {"title": "Mirror"}]}""";
        assertThat(SuggestionParser.parse(answer, 2)).containsExactly(
                new SuggestedFilm("Solaris", null, null),
                new SuggestedFilm("Stalker", 1979, null));
    }

    @Test
    void anAnswerThatIsNotTheAskedJsonIsMalformed() {
        for (String answer : List.of("I cannot help with that.", "{\"films\": \"Aliens\"}", "{\"films\": [", "{}")) {
            assertThatThrownBy(() -> SuggestionParser.parse(answer, 10)).as(answer).isInstanceOf(SuggestionParser.MalformedAnswer.class);
        }
    }
}
