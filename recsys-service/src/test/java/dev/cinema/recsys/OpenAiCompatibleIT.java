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
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/** The same LLM path against an OpenAI-compatible server (Ollama, vLLM, llama.cpp speak this). */
@RecsysIntegrationTest
@DirtiesContext
@TestPropertySource(properties = {"recsys.llm.provider=openai", "recsys.llm.timeout=2s", "recsys.llm.attempts=2",
        "recsys.llm.breaker-open-for=200ms", "recsys.llm.concurrency=4", "spring.kafka.consumer.group-id=recsys-openai-test",
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
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        System.setProperty("OPENAI_BASE_URL", server.baseUrl() + "/v1");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }


    @AfterEach
    void forgetStubs() {
        SERVER.resetAll();
    }

    private static MappingBuilder chat() {
        return post(urlEqualTo(CHAT))
                .withHeader("Authorization", equalTo("Bearer test-key"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.1")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")));
    }

    private static ResponseDefinitionBuilder answer(String content) {
        return okJson(JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion",
                "created", Instant.now().getEpochSecond(), "model", "llama3.1",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content), "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 100, "completion_tokens", 40, "total_tokens", 140))));
    }

    private UUID viewerWhoLikes(String title) {
        UUID film = TestCatalog.film(title, 7.0, 80, 81, 0.0);
        TestCatalog.film(title + " Returns", 6.5, 80, 81, 0.1);
        return Events.newViewerWhoLiked(film);
    }

    private WebTestClient.BodyContentSpec recommendationsOf(UUID viewer) {
        return ViewerRecommendations.of(client, viewer);
    }

    @Test
    void suggestionsFoundInTheCatalogComeFirstEvenAfterA429() {
        UUID stalker = TestCatalog.film("Stalker", 8.0, 82, 83, 0.0);
        SERVER.stubFor(chat().inScenario("busy").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("free")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"requests\"}}")));
        SERVER.stubFor(chat().inScenario("busy").whenScenarioStateIs("free").willReturn(answer("""
                {"films": [{"title": "Stalker", "year": 1980, "because": "Solaris Remembered"},
                           {"title": "A Film That Does Not Exist", "year": 1999}]}""")));
        UUID viewer = viewerWhoLikes("Solaris Remembered");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> recommendationsOf(viewer)
                .jsonPath("$.items[0].filmId").isEqualTo(stalker.toString())
                .jsonPath("$.items[0].source").isEqualTo("llm")
                .jsonPath("$.items[0].reason").isEqualTo("because you liked Solaris Remembered")
                .jsonPath("$.items[?(@.source == 'llm')].filmId").isEqualTo(List.of(stalker.toString())));
        assertThat(SERVER.findAll(postRequestedFor(urlEqualTo(CHAT)))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void serverErrorsAndGarbageLeaveTheBuiltInRecommendations() {
        for (var failure : List.of(aResponse().withStatus(503).withBody("{\"error\": {\"message\": \"overloaded\"}}"),
                answer("Here are some films you might like: Stalker, Solaris."))) {
            SERVER.stubFor(chat().willReturn(failure));
            String title = "Failing Film " + UUID.randomUUID();
            UUID viewer = viewerWhoLikes(title);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> recommendationsOf(viewer)
                    .jsonPath("$.items[0].reason").isEqualTo("because you liked " + title)
                    .jsonPath("$.items[*].source").value(everyItem(org.hamcrest.Matchers.equalTo("similar"))));
        }
    }
}
