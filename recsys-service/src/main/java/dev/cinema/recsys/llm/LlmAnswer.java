package dev.cinema.recsys.llm;

import tools.jackson.databind.JsonNode;

/**
 * What the model answered: the function's arguments when it called it, else its text.
 *
 * @param arguments the function's arguments (null when it answered in text)
 * @param text      its text (null when it called the function)
 * @param form      how it answered: function (GigaChat), tool, json-schema or text
 */
record LlmAnswer(JsonNode arguments, String text, Usage usage, String form) {

    static final String FUNCTION = "function";
    static final String TOOL = "tool";
    static final String JSON_SCHEMA = "json-schema";
    static final String TEXT = "text";

    /** The tokens a call cost, as the answer's {@code usage} gives them (0 when it gives none). */
    record Usage(long prompt, long completion, long total) {
        static final Usage NONE = new Usage(0, 0, 0);
    }
}
