package dev.cinema.platform;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * GigaChat played by WireMock (as ../shared/GIGACHAT.md describes it: a token from {@code POST
 * /api/v2/oauth} for the Basic key, then {@code POST /api/v1/chat/completions} with it), and
 * recsys-service of the running platform restarted to use it; {@link #close()} restarts it as
 * {@code ./local_run.sh} starts it (no LLM).
 */
final class GigaChatEmulator implements AutoCloseable {

    private static final String AUTH_KEY = "cGxhdGZvcm0tdGVzdHM6bm90LWEtc2VjcmV0";
    private static final String CHAT = "/api/v1/chat/completions";
    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().asynchronousResponseEnabled(true));
    private final Map<String, String> environment = new HashMap<>();

    /** Starts the emulator and restarts recsys-service with it as its LLM; {@code settings} are more RECSYS_ variables. */
    GigaChatEmulator(Map<String, String> settings) {
        server.start();
        server.stubFor(post(urlEqualTo("/api/v2/oauth"))
                .withHeader("Authorization", equalTo("Basic " + AUTH_KEY))
                .withHeader("RqUID", matching("[0-9a-f-]{36}"))
                .withRequestBody(containing("scope=GIGACHAT_API_PERS"))
                .willReturn(okJson(Http.JSON.writeValueAsString(Map.of("access_token", "emulated-token",
                        "expires_at", Instant.now().plusSeconds(1800).toEpochMilli())))));
        // a viewer's likes reach the LLM at once (not after 2 minutes of quiet), unless a test says otherwise
        environment.put("RECSYS_LLM_SETTLE", "0s");
        environment.putAll(settings);
        environment.putAll(Map.of("RECSYS_LLM_PROVIDER", "gigachat", "GIGACHAT_AUTH_KEY", AUTH_KEY,
                "GIGACHAT_AUTH_URL", server.baseUrl() + "/api/v2", "GIGACHAT_API_URL", server.baseUrl() + "/api/v1"));
        LocalRun.restart("recsys-service", environment);
    }

    /** What recsys-service was started with to use the emulator. */
    Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** From now on, chat requests get {@code answer}. */
    void answers(ResponseDefinitionBuilder answer) {
        server.removeStubsByMetadata(matchingJsonPath("$.chat"));
        server.stubFor(post(urlEqualTo(CHAT)).withHeader("Authorization", equalTo("Bearer emulated-token"))
                .withMetadata(Map.of("chat", true)).willReturn(answer));
    }

    /** From now on, chat requests are answered 429 (Retry-After 1 s) and 500 in turn. */
    void failsWith429And500InTurn() {
        server.removeStubsByMetadata(matchingJsonPath("$.chat"));
        server.stubFor(post(urlEqualTo(CHAT)).inScenario("failing").whenScenarioStateIs(Scenario.STARTED)
                .withMetadata(Map.of("chat", true)).willReturn(failing(429)).willSetStateTo("then 500"));
        server.stubFor(post(urlEqualTo(CHAT)).inScenario("failing").whenScenarioStateIs("then 500")
                .withMetadata(Map.of("chat", true)).willReturn(failing(500)).willSetStateTo(Scenario.STARTED));
    }

    /** A GigaChat answer through the ranking function adding these titles as discoveries (no candidate picked), after {@code delayMillis}. */
    static ResponseDefinitionBuilder suggesting(List<String> titles, int delayMillis) {
        Map<String, Object> arguments = Map.of("picks", List.of(), "discoveries", titles.stream().map(title -> Map.of("title", title)).toList());
        Map<String, Object> message = Map.of("role", "assistant", "content", "",
                "function_call", Map.of("name", "rank_films", "arguments", arguments), "functions_state_id", java.util.UUID.randomUUID().toString());
        return okJson(Http.JSON.writeValueAsString(Map.of(
                "choices", List.of(Map.of("message", message, "index", 0, "finish_reason", "function_call")),
                "created", Instant.now().getEpochSecond(), "model", "GigaChat:2.0.28.2", "object", "chat.completion",
                "usage", Map.of("prompt_tokens", 1100, "completion_tokens", 120, "total_tokens", 1220))))
                .withFixedDelay(delayMillis);
    }

    static ResponseDefinitionBuilder failing(int status) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":" + status + ",\"message\":\"" + (status == 429 ? "Too many requests" : "Internal error") + "\"}");
        return status == 429 ? answer.withHeader("Retry-After", "1") : answer;
    }

    /** The chat requests received, oldest first: when, the user message, and the status answered. */
    List<Chat> chats() {
        return server.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(CHAT))
                .map(GigaChatEmulator::chat)
                .sorted(Comparator.comparing(Chat::received))
                .toList();
    }

    record Chat(Instant received, String userMessage, int status) {

        /** The lines of the prompt's liked films, "l1 | Title | year". */
        List<String> likedLines() {
            int from = userMessage.indexOf("Liked:\n");
            int to = userMessage.indexOf("\nDisliked:");
            return from < 0 || to < from ? List.of() : List.of(userMessage.substring(from + "Liked:\n".length(), to).split("\n"));
        }

        /** Whether these titles are all among the liked films of the prompt. */
        boolean likes(List<String> titles) {
            return titles.stream().allMatch(title -> likedLines().stream().anyMatch(line -> line.matches("l\\d+ \\| " + Pattern.quote(title) + " \\| .*")));
        }
    }

    private static Chat chat(ServeEvent event) {
        String userMessage = Http.JSON.readTree(event.getRequest().getBodyAsString()).get("messages").get(1).get("content").asString();
        return new Chat(event.getRequest().getLoggedDate().toInstant(), userMessage,
                event.getResponse() == null ? 0 : event.getResponse().getStatus());
    }

    @Override
    public void close() {
        try {
            LocalRun.restart("recsys-service", Map.of());
        } finally {
            server.stop();
        }
    }
}
