package dev.cinema.recsys;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * GigaChat played by WireMock, as ../shared/GIGACHAT.md describes it: {@code POST /api/v2/oauth}
 * (form {@code scope}, {@code RqUID} a uuid4, Basic key) gives a token; {@code POST
 * /api/v1/chat/completions} with that bearer token answers in GigaChat's format. Anything else
 * (a wrong key, a missing RqUID, another token, a second system message) is refused as the real
 * service refuses it. A ranking asked through the forced function is answered through it
 * ({@link #functionCall}: {@code arguments} an object, {@code functions_state_id},
 * {@code finish_reason: "function_call"}), or in text ({@link #answer}); {@code @{Title}} in an
 * answer is the key the prompt gave that film ({@link CandidateKeys}).
 */
final class GigaChat {

    static final String AUTH_KEY = "dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ=";
    static final String UUID4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WireMockServer server;

    private GigaChat() {
    }

    /** Started once; its URLs in the GIGACHAT_* system properties before the Spring context reads them. */
    static synchronized WireMockServer get() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new CandidateKeys()));
            server.start();
            System.setProperty("GIGACHAT_AUTH_URL", server.baseUrl() + "/api/v2");
            System.setProperty("GIGACHAT_API_URL", server.baseUrl() + "/api/v1");
            System.setProperty("GIGACHAT_AUTH_KEY", AUTH_KEY);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** The token endpoint giving {@code token}, valid 30 minutes (expires_at in milliseconds, as in practice). */
    static void issues(String token) {
        get().stubFor(post(urlEqualTo("/api/v2/oauth"))
                .withHeader("Authorization", equalTo("Basic " + AUTH_KEY))
                .withHeader("RqUID", matching(UUID4))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("scope=GIGACHAT_API_PERS"))
                .willReturn(okJson(JSON.writeValueAsString(Map.of("access_token", token,
                        "expires_at", Instant.now().plusSeconds(1800).toEpochMilli())))));
    }

    /** Chat requests with {@code token} (null: any bearer token), GigaChat-2, and one system message first. */
    static com.github.tomakehurst.wiremock.client.MappingBuilder chat(String token) {
        return post(urlEqualTo("/api/v1/chat/completions"))
                .withHeader("Authorization", token == null ? matching("Bearer \\S+") : equalTo("Bearer " + token))
                .withRequestBody(matchingJsonPath("$.model", equalTo("GigaChat-2")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")));
    }

    /** A chat request that forces the ranking function, as the real API wants it: the function described, then named. */
    static com.github.tomakehurst.wiremock.client.MappingBuilder ranking(String token) {
        return chat(token)
                .withRequestBody(matchingJsonPath("$.functions[0].name", equalTo("rank_films")))
                .withRequestBody(matchingJsonPath("$.functions[0].parameters.type", equalTo("object")))
                .withRequestBody(matchingJsonPath("$.function_call.name", equalTo("rank_films")));
    }

    /** GigaChat's answer through the function: {@code arguments} is a JSON object (here given as its text). */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder functionCall(String arguments) {
        Map<String, Object> message = Map.of("role", "assistant", "content", "",
                "function_call", Map.of("name", "rank_films", "arguments", JSON.readTree(arguments)),
                "functions_state_id", java.util.UUID.randomUUID().toString());
        return okJson(JSON.writeValueAsString(Map.of(
                "choices", List.of(Map.of("message", message, "index", 0, "finish_reason", "function_call")),
                "created", Instant.now().getEpochSecond(), "model", "GigaChat:2.0.28.2", "object", "chat.completion",
                "usage", Map.of("prompt_tokens", 900, "completion_tokens", 80, "precached_prompt_tokens", 0, "total_tokens", 980))));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(String content) {
        return okJson(JSON.writeValueAsString(Map.of(
                "choices", List.of(Map.of("message", Map.of("role", "assistant", "content", content), "index", 0, "finish_reason", "stop")),
                "created", Instant.now().getEpochSecond(), "model", "GigaChat:2.0.28.2", "object", "chat.completion",
                "usage", Map.of("prompt_tokens", 120, "completion_tokens", 60, "precached_prompt_tokens", 0, "total_tokens", 180))));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder unauthorized() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("{\"status\":401,\"message\":\"Unauthorized\"}");
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tooManyRequests(int retryAfterSeconds) {
        return aResponse().withStatus(429).withHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .withHeader("Content-Type", "application/json").withBody("{\"status\":429,\"message\":\"Too many requests\"}");
    }
}
