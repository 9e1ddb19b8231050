package dev.cinema.recsys.llm;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two other forms an OpenAI-compatible server can answer in (the tool call is in
 * {@code OpenAiCompatibleIT}): a {@code response_format} JSON schema, which llama.cpp and vLLM
 * honour, and plain text for a server that supports neither.
 */
class OpenAiProviderTest {

    private static final WireMockServer SERVER = start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }

    @AfterEach
    void forgetStubs() {
        SERVER.resetAll();
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    private static OpenAiProvider provider(String structured) {
        return new OpenAiProvider(new LlmSettings("openai", 40, 20, 5, 60, 1, Duration.ofSeconds(5), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), null, 0, 0, null, new LlmSettings.Openai(SERVER.baseUrl() + "/v1", "test-key", "llama3.1", structured)));
    }

    private static Prompt prompt() {
        return Prompt.of(List.of(new ListedFilm("l1", UUID.randomUUID(), "Alien", 1979, List.of())), List.of(), List.of(),
                List.of(new ListedFilm("c1", UUID.randomUUID(), "Aliens", 1986, List.of("Action"))), 20, 5);
    }

    private static String completion(String content) {
        return JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", Instant.now().getEpochSecond(),
                "model", "llama3.1",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", content), "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 300, "completion_tokens", 20, "total_tokens", 320)));
    }

    @Test
    void aJsonSchemaAnswerIsAskedThroughResponseFormatAndRead() {
        SERVER.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.name", equalTo("rank_films")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.schema.properties.picks.type", equalTo("array")))
                .withRequestBody(matchingJsonPath("$.tools", absent()))
                .willReturn(okJson(completion("{\"picks\": [{\"id\": \"c1\", \"because\": \"l1\"}]}"))));

        LlmAnswer answer = provider(OpenAiProvider.JSON_SCHEMA).complete(prompt());

        assertThat(answer.form()).isEqualTo(LlmAnswer.JSON_SCHEMA);
        assertThat(answer.usage()).isEqualTo(new LlmAnswer.Usage(300, 20, 320));
        assertThat(AnswerReader.read(answer, prompt()).picks()).extracting(pick -> pick.film().key()).containsExactly("c1");
    }

    @Test
    void aServerWithoutEitherGetsThePromptAloneAndItsTextIsRead() {
        SERVER.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.response_format", absent()))
                .withRequestBody(matchingJsonPath("$.tools", absent()))
                .willReturn(okJson(completion("```json\n{\"picks\": [{\"id\": \"c1\"}]}\n```"))));

        LlmAnswer answer = provider(OpenAiProvider.TEXT).complete(prompt());

        assertThat(answer.form()).isEqualTo(LlmAnswer.TEXT);
        assertThat(AnswerReader.read(answer, prompt()).picks()).hasSize(1);
    }
}
