package dev.cinema.recsys.llm;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the LLM's answer defensively: the JSON object may come inside code fences or with words
 * around it; films without a title, with absurd years or overlong titles are dropped; at most
 * {@code max} are kept. Anything unreadable is {@link MalformedAnswer}.
 */
final class SuggestionParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_TITLE = 200;

    static final class MalformedAnswer extends RuntimeException {
        MalformedAnswer(String message) {
            super(message);
        }
    }

    private SuggestionParser() {
    }

    static List<SuggestedFilm> parse(String answer, int max) {
        if (answer == null) {
            throw new MalformedAnswer("no answer");
        }
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end <= start) {
            throw new MalformedAnswer("no JSON object in the answer");
        }
        JsonNode films;
        try {
            films = JSON.readTree(answer.substring(start, end + 1)).path("films");
        } catch (JacksonException e) {
            throw new MalformedAnswer("the answer is not JSON: " + e.getOriginalMessage());
        }
        if (!films.isArray()) {
            throw new MalformedAnswer("the answer has no \"films\" list");
        }
        List<SuggestedFilm> suggestions = new ArrayList<>();
        for (JsonNode film : films) {
            String title = film.path("title").isString() ? film.path("title").asString().strip() : "";
            if (title.isEmpty() || title.length() > MAX_TITLE) {
                continue;
            }
            Integer year = year(film.path("year"));
            String because = film.path("because").isString() ? film.path("because").asString().strip() : null;
            suggestions.add(new SuggestedFilm(title, year, because == null || because.isEmpty() ? null : because));
            if (suggestions.size() == max) {
                break;
            }
        }
        return suggestions;
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
}
