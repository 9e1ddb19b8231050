package dev.cinema.platform.soak;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;

/**
 * One request and what came back: a status, or none at all ({@code failure} says why).
 *
 * @param endpoint   the method and path pattern, e.g. {@code PUT /reactions/{id}}
 * @param status     the HTTP status, 0 when no answer came
 * @param failure    why no answer came (timeout, reset, refused), null when one did
 * @param retryAfter the answer's {@code Retry-After}, null when it has none
 */
record Answer(String endpoint, int status, String failure, String retryAfter, String body, Instant sent, Instant answered,
              String requestId) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    boolean ok() {
        return status >= 200 && status < 300;
    }

    boolean serverError() {
        return status >= 500;
    }

    /** The status as the report counts it: the number, or what happened instead. */
    String label() {
        return status == 0 ? failure : Integer.toString(status);
    }

    JsonNode json() {
        return JSON.readTree(body);
    }

    /** The problem type of a problem+json answer ({@code https://cinema.dev/problems/storage-unavailable}), or "". */
    String problemType() {
        if (body == null || !body.startsWith("{")) {
            return "";
        }
        try {
            JsonNode type = json().get("type");
            return type == null ? "" : type.asString();
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    /** A field's text, null when it is missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    @Override
    public String toString() {
        String text = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
        return endpoint + " -> " + label() + (retryAfter == null ? "" : " Retry-After " + retryAfter) + " sent " + sent
                + " answered " + answered + (requestId == null ? "" : " id " + requestId) + (text.isEmpty() ? "" : " " + text);
    }
}
