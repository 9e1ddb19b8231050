package dev.cinema.recsys.llm;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ListedFilm film(String key, String title) {
        return new ListedFilm(key, UUID.randomUUID(), title, 1980, List.of());
    }

    /** Three candidates, two likes; up to {@code picks} picks and 2 discoveries. */
    private static Prompt prompt(int picks) {
        return Prompt.of(List.of(film("l1", "Alien"), film("l2", "Heat")), List.of(), List.of(),
                List.of(film("c1", "Aliens"), film("c2", "Thief"), film("c3", "Solaris")), picks, 2);
    }

    private static AnswerReader.Ranking read(String arguments, int picks) {
        return AnswerReader.read(new LlmAnswer(JSON.readTree(arguments), null, LlmAnswer.Usage.NONE, LlmAnswer.FUNCTION), prompt(picks));
    }

    private static List<String> picked(AnswerReader.Ranking ranking) {
        return ranking.picks().stream().map(pick -> pick.film().key()).toList();
    }

    @Test
    void picksAreKeptInTheModelsOrderWithTheLikeEachFollowsFrom() {
        AnswerReader.Ranking ranking = read("""
                {"picks": [{"id": "c3", "because": "l2"}, {"id": " c1 ", "because": "Alien (1979)"}, {"id": "c2", "because": "l7"}]}""", 20);

        assertThat(picked(ranking)).containsExactly("c3", "c1", "c2");
        assertThat(ranking.picks()).extracting(pick -> pick.because() == null ? null : pick.because().key()).containsExactly("l2", "l1", null);
        assertThat(ranking.dropped()).isEmpty();
    }

    @Test
    void unknownIdsLikedFilmsDuplicatesAndWrongTypesAreDroppedAndCountedByReason() {
        AnswerReader.Ranking ranking = read("""
                {"picks": [{"id": "c9"}, {"id": "l1"}, {"id": "c2"}, {"id": "c2"}, {"id": 3}, {"id": ["c1"]}, null, "c1", {"because": "l1"}],
                 "discoveries": [{"title": 42}, {"title": "  "}, {"title": "Stalker", "year": "1979"}, {"title": "stalker"},
                                 {"title": "Mirror", "year": 19755}]}""", 20);

        assertThat(picked(ranking)).containsExactly("c2", "c1");
        assertThat(ranking.discoveries()).extracting(AnswerReader.Discovery::film)
                .containsExactly(new SuggestedFilm("Stalker", 1979), new SuggestedFilm("Mirror", null));
        assertThat(ranking.dropped()).containsEntry(AnswerReader.UNKNOWN_ID, 1).containsEntry(AnswerReader.LIKED_FILM, 1)
                .containsEntry(AnswerReader.DUPLICATE, 2).containsEntry(AnswerReader.WRONG_TYPE, 6);
    }

    @Test
    void twoHundredItemsKeepOnlyAsManyAsWereAskedFor() {
        String picks = IntStream.range(0, 200).mapToObj(i -> "{\"id\": \"c" + (i % 3 + 1) + "\"}").collect(Collectors.joining(","));
        String discoveries = IntStream.range(0, 200).mapToObj(i -> "{\"title\": \"Film " + i + "\"}").collect(Collectors.joining(","));

        AnswerReader.Ranking ranking = read("{\"picks\": [" + picks + "], \"discoveries\": [" + discoveries + "]}", 2);

        assertThat(picked(ranking)).containsExactly("c1", "c2");
        assertThat(ranking.discoveries()).hasSize(2);
        assertThat(ranking.dropped()).containsEntry(AnswerReader.OVER_LIMIT, 1 + 198).containsEntry(AnswerReader.DUPLICATE, 197);
    }

    @Test
    void anEmptyAnswerIsAnEmptyRanking() {
        assertThat(read("{}", 20).picks()).isEmpty();
        assertThat(read("{\"picks\": null, \"discoveries\": []}", 20).discoveries()).isEmpty();
    }

    @Test
    void aTextAnswerIsSearchedForItsJsonObject() {
        AnswerReader.Ranking ranking = AnswerReader.read(new LlmAnswer(null, """
                Sure! Here is my ranking:
                ```json
                {"picks": [{"id": "c2"}], "discoveries": [{"title": "Stalker", "year": 1979}]}
                ```
                Enjoy.""", LlmAnswer.Usage.NONE, LlmAnswer.TEXT), prompt(20));

        assertThat(picked(ranking)).containsExactly("c2");
        assertThat(ranking.discoveries()).hasSize(1);
    }

    @Test
    void aRefusalInProseOrArgumentsThatAreNoObjectAreUnreadable() {
        for (String text : List.of("I cannot help with that.", "{not json}", "")) {
            assertThatThrownBy(() -> AnswerReader.read(new LlmAnswer(null, text, LlmAnswer.Usage.NONE, LlmAnswer.TEXT), prompt(20)))
                    .as(text).isInstanceOf(AnswerReader.Unreadable.class);
        }
        assertThatThrownBy(() -> read("[\"c1\"]", 20)).isInstanceOf(AnswerReader.Unreadable.class);
    }
}
