package dev.cinema.recsys;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock extension for the LLM emulators: in a stubbed answer, {@code @{Some Title}} stands for
 * the key ({@code c7}, {@code l1}) that the request's prompt gave the film of that title, so that a
 * test can answer with the films it means although the service shuffles and numbers its candidates
 * anew for every call. A title the prompt did not list becomes {@code not-listed}.
 */
final class CandidateKeys implements ResponseDefinitionTransformerV2 {

    static final String NOT_LISTED = "not-listed";
    private static final Pattern MARKER = Pattern.compile("@\\{([^}]*)}");
    /** "c7 | Alien | 1979 | Horror" and "l1 | Ghost in the Shell | 1980" */
    private static final Pattern LINE = Pattern.compile("^([cl]\\d+) \\| (.*?) \\| ", Pattern.MULTILINE);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String getName() {
        return "candidate-keys";
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ResponseDefinition response = serveEvent.getResponseDefinition();
        String body = response.getBody();
        if (body == null || !MARKER.matcher(body).find()) {
            return response;
        }
        Map<String, String> keys = keys(serveEvent.getRequest().getBodyAsString());
        Matcher marker = MARKER.matcher(body);
        StringBuilder answered = new StringBuilder();
        while (marker.find()) {
            marker.appendReplacement(answered, Matcher.quoteReplacement(keys.getOrDefault(marker.group(1), NOT_LISTED)));
        }
        marker.appendTail(answered);
        return ResponseDefinitionBuilder.like(response).withBody(answered.toString()).build();
    }

    /** Title to key, from the user message of the request. */
    private static Map<String, String> keys(String request) {
        Map<String, String> keys = new HashMap<>();
        for (JsonNode message : JSON.readTree(request).path("messages")) {
            Matcher line = LINE.matcher(message.path("content").asString(""));
            while (line.find()) {
                keys.putIfAbsent(line.group(2), line.group(1));
            }
        }
        return keys;
    }
}
