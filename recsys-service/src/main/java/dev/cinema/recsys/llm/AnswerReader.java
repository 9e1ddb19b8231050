package dev.cinema.recsys.llm;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the model's answer defensively, field by field: a pick with an unknown id, the id of a
 * liked film, a duplicate, a field of the wrong type or one beyond the numbers asked for is dropped
 * and counted by its reason, never a failure of the whole answer. Text is searched for the JSON
 * object (code fences and words around it are common); text with none (a refusal in prose) is
 * {@link Unreadable}.
 */
final class AnswerReader {

    static final String UNKNOWN_ID = "unknown-id";
    static final String LIKED_FILM = "liked-film";
    static final String DUPLICATE = "duplicate";
    static final String WRONG_TYPE = "wrong-type";
    static final String OVER_LIMIT = "over-limit";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_TITLE = 200;

    /** A candidate the model picked, and the liked film it follows from (null: it named none of them). */
    record Pick(ListedFilm film, ListedFilm because) {
    }

    /** A film outside the candidates the model believes the catalog has; {@code because} as for a pick. */
    record Discovery(SuggestedFilm film, ListedFilm because) {
    }

    /** What was kept, in the model's order, and how many items were dropped, by reason. */
    record Ranking(List<Pick> picks, List<Discovery> discoveries, Map<String, Integer> dropped) {
    }

    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private AnswerReader() {
    }

    static Ranking read(LlmAnswer answer, Prompt prompt) {
        return read(answer.arguments() != null ? answer.arguments() : fromText(answer.text()), prompt);
    }

    static Ranking read(JsonNode arguments, Prompt prompt) {
        Map<String, Integer> dropped = new LinkedHashMap<>();
        if (!arguments.isObject()) {
            throw new Unreadable("the arguments are not an object");
        }
        List<Pick> picks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : items(arguments.path("picks"), dropped)) {
            JsonNode id = item.isObject() ? item.path("id") : item;
            if (!id.isString()) {
                count(dropped, WRONG_TYPE);
                continue;
            }
            String key = id.asString().strip();
            ListedFilm film = prompt.candidates().get(key);
            String reason = film != null ? (seen.add(key) ? null : DUPLICATE) : prompt.liked().containsKey(key) ? LIKED_FILM : UNKNOWN_ID;
            if (reason == null && picks.size() == prompt.picks()) {
                reason = OVER_LIMIT;
            }
            if (reason != null) {
                count(dropped, reason);
                continue;
            }
            picks.add(new Pick(film, because(item, prompt)));
        }
        List<Discovery> discoveries = new ArrayList<>();
        Set<String> titles = new HashSet<>();
        for (JsonNode item : items(arguments.path("discoveries"), dropped)) {
            JsonNode title = item.path("title");
            if (!title.isString() || title.asString().isBlank() || title.asString().strip().length() > MAX_TITLE) {
                count(dropped, WRONG_TYPE);
                continue;
            }
            String name = title.asString().strip();
            String reason = !titles.add(name.toLowerCase()) ? DUPLICATE : discoveries.size() == prompt.discoveries() ? OVER_LIMIT : null;
            if (reason != null) {
                count(dropped, reason);
                continue;
            }
            discoveries.add(new Discovery(new SuggestedFilm(name, year(item.path("year"))), because(item, prompt)));
        }
        return new Ranking(picks, discoveries, dropped);
    }

    /** The items of a list; a field that is there but is not a list counts as one item of the wrong type. */
    private static Iterable<JsonNode> items(JsonNode list, Map<String, Integer> dropped) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            count(dropped, WRONG_TYPE);
            return List.of();
        }
        return list;
    }

    /** The liked film an item says it follows from: by its key, else (models often write it) by its title. */
    private static ListedFilm because(JsonNode item, Prompt prompt) {
        JsonNode because = item.path("because");
        if (!because.isString()) {
            return null;
        }
        String named = because.asString().strip();
        ListedFilm byKey = prompt.liked().get(named);
        if (byKey != null) {
            return byKey;
        }
        String title = named.replaceFirst(" \\(\\d{4}\\)$", "");
        return prompt.liked().values().stream()
                .filter(liked -> liked.title() != null && TitleMatcher.similarity(title, liked.title()) >= TitleMatcher.MIN_SIMILARITY)
                .findFirst().orElse(null);
    }

    /** The JSON object in a text answer, wherever it is in it. */
    private static JsonNode fromText(String text) {
        if (text == null) {
            throw new Unreadable("no answer");
        }
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            throw new Unreadable("no JSON object in the answer");
        }
        try {
            return JSON.readTree(text.substring(start, end + 1));
        } catch (JacksonException e) {
            throw new Unreadable("the answer is not JSON: " + e.getOriginalMessage());
        }
    }

    /** 1999 or "1999"; anything else, or a year no film can have, is unknown. */
    private static Integer year(JsonNode node) {
        Integer year = null;
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            year = node.asInt();
        } else if (node.isString() && node.asString().strip().matches("\\d{4}")) {
            year = Integer.parseInt(node.asString().strip());
        }
        return year != null && year >= 1880 && year <= 2100 ? year : null;
    }

    private static void count(Map<String, Integer> dropped, String reason) {
        dropped.merge(reason, 1, Integer::sum);
    }
}
