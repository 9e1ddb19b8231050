package dev.cinema.recsys;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cinema.security.TestJwtIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;

/**
 * The same LLM path against an OpenAI-compatible server (Ollama, vLLM, llama.cpp speak this): the
 * ranking function as the one tool, its call required; the arguments come back as a JSON string in
 * {@code tool_calls}. (The {@code response_format} and text forms: {@code llm.OpenAiProviderTest}.)
 */
@RecsysIntegrationTest
@DirtiesContext
@TestPropertySource(properties = {"recsys.llm.provider=openai", "recsys.llm.timeout=2s", "recsys.llm.attempts=2",
        "recsys.llm.breaker-open-for=200ms", "recsys.llm.concurrency=4", "recsys.llm.cadence.settle=0s", "spring.kafka.consumer.group-id=recsys-openai-test",
        "recsys.llm.openai.api-key=test-key", "recsys.llm.openai.model=llama3.1"})
class OpenAiCompatibleIT {

    private static final WireMockServer SERVER = start();
    /** Started before the context: its keys' address is in AUTH_JWKS_URI when the service reads it. */
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHAT = "/v1/chat/completions";

    @Autowired
    WebTestClient client;

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new CandidateKeys()));
        server.start();
        System.setProperty("OPENAI_BASE_URL", server.baseUrl() + "/v1");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }


    @AfterEach
    void forgetStubs() {
        SERVER.resetAll();
    }

    private static MappingBuilder ranking() {
        return post(urlEqualTo(CHAT))
                .withHeader("Authorization", equalTo("Bearer test-key"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.1")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("rank_films")))
                .withRequestBody(matchingJsonPath("$.tools[0].function.parameters.type", equalTo("object")))
                .withRequestBody(matchingJsonPath("$.tool_choice", equalTo("required")));
    }

    /** The server's answer through the tool: {@code arguments} is a JSON string, as OpenAI's API has it. */
    private static ResponseDefinitionBuilder toolCall(String arguments) {
        Map<String, Object> call = Map.of("id", "call_1", "type", "function", "function", Map.of("name", "rank_films", "arguments", arguments));
        return okJson(JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion",
                "created", Instant.now().getEpochSecond(), "model", "llama3.1",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "tool_calls", List.of(call)),
                        "finish_reason", "tool_calls")),
                "usage", Map.of("prompt_tokens", 900, "completion_tokens", 40, "total_tokens", 940))));
    }

    private static ResponseDefinitionBuilder answer(String content) {
        return okJson(JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion",
                "created", Instant.now().getEpochSecond(), "model", "llama3.1",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content), "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 100, "completion_tokens", 40, "total_tokens", 140))));
    }

    /** A viewer who liked a film of their own; the films near it (the built-in recommender's candidates). */
    private record Viewer(UUID id, List<UUID> near) {
    }

    private static final AtomicInteger AXES = new AtomicInteger(320);

    private Viewer viewerWhoLikes(String title, String... nearTitles) {
        int axis = AXES.getAndIncrement();
        UUID film = TestCatalog.film(title, 7.0, axis, axis + 40, 0.0);
        List<UUID> near = Arrays.stream(nearTitles).map(nearTitle -> TestCatalog.film(nearTitle, 6.5, axis, axis + 40, 0.1)).toList();
        return new Viewer(Events.newViewerWhoLiked(film), near);
    }

    private WebTestClient.BodyContentSpec recommendationsOf(Viewer viewer) {
        return ViewerRecommendations.of(client, viewer.id());
    }

    @Test
    void theToolCallsRankingComesFirstEvenAfterA429() {
        SERVER.stubFor(ranking().inScenario("busy").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("free")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}")));
        SERVER.stubFor(ranking().inScenario("busy").whenScenarioStateIs("free").willReturn(toolCall("""
                {"picks": [{"id": "@{Mirror Remembered}", "because": "@{Solaris Remembered}"}, {"id": "@{Stalker Remembered}"}],
                 "discoveries": [{"title": "A Film That Does Not Exist", "year": 1999}]}""")));

        Viewer viewer = viewerWhoLikes("Solaris Remembered", "Stalker Remembered", "Mirror Remembered");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> recommendationsOf(viewer)
                .jsonPath("$.items[?(@.source == 'llm')].filmId").isEqualTo(List.of(viewer.near().get(1).toString(), viewer.near().get(0).toString()))
                .jsonPath("$.items[0].reason").isEqualTo("because you liked Solaris Remembered")
                .jsonPath("$.items[1].reason").isEqualTo("picked for your taste"));
        assertThat(SERVER.findAll(postRequestedFor(urlEqualTo(CHAT)))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void serverErrorsAndARefusalInProseLeaveTheBuiltInRecommendations() {
        for (var failure : List.of(aResponse().withStatus(503).withBody("{\"error\": {\"message\": \"overloaded\"}}"),
                answer("Here are some films you might like: Stalker, Solaris."),
                toolCall("{\"picks\": \"all of them\"}"))) {
            SERVER.stubFor(ranking().willReturn(failure));
            String title = "Failing Film " + UUID.randomUUID();
            Viewer viewer = viewerWhoLikes(title, title + " Returns");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> recommendationsOf(viewer)
                    .jsonPath("$.items[0].filmId").isEqualTo(viewer.near().getFirst().toString())
                    .jsonPath("$.items[0].reason").isEqualTo("because you liked " + title)
                    .jsonPath("$.items[*].source").value(everyItem(org.hamcrest.Matchers.equalTo("similar"))));
        }
    }
}
