package dev.cinema.recsys.llm;

import chat.giga.client.auth.AuthClient;
import chat.giga.client.auth.AuthClientBuilder;
import chat.giga.http.client.HttpMethod;
import chat.giga.http.client.HttpRequest;
import chat.giga.http.client.HttpResponse;
import chat.giga.model.Scope;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/**
 * GigaChat, answering through a forced function ({@code functions} and {@code function_call:
 * {"name": ...}}, ../shared/GIGACHAT.md §5). The OAuth token comes from {@code gigachat-java}'s
 * auth client (Basic key, scope, RqUID; cached until it expires); the chat call is written here,
 * because langchain4j's GigaChat model can neither force a function nor read {@code function_call}'s
 * arguments, which GigaChat gives as an object. A 401 (the token expired early) gets a new token and
 * the call is made once more. An answer in text instead of the function is read as text.
 */
final class GigaChatProvider implements LlmProvider {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LlmSettings settings;
    private final CheckedHttpClient http;
    private volatile AuthClient auth;

    GigaChatProvider(LlmSettings settings) {
        this.settings = settings;
        this.http = new CheckedHttpClient(settings.timeout(), settings.gigachat().verifySsl());
        this.auth = newAuth();
    }

    @Override
    public String name() {
        return "gigachat";
    }

    @Override
    public LlmAnswer complete(Prompt prompt) {
        byte[] body = JSON.writeValueAsBytes(request(prompt));
        try {
            return answer(post(body));
        } catch (LlmFailure.Unauthorized expired) {
            auth = newAuth();
            return answer(post(body));
        }
    }

    private Map<String, Object> request(Prompt prompt) {
        return Map.of(
                "model", settings.gigachat().model(),
                "messages", List.of(Map.of("role", "system", "content", prompt.system()), Map.of("role", "user", "content", prompt.user())),
                "functions", List.of(Map.of("name", RankingFunction.NAME, "description", RankingFunction.DESCRIPTION,
                        "parameters", RankingFunction.parametersAsJson())),
                "function_call", Map.of("name", RankingFunction.NAME));
    }

    private HttpResponse post(byte[] body) {
        HttpRequest.HttpRequestBuilder request = HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(settings.gigachat().apiUrl() + "/chat/completions")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .body(body);
        try {
            auth.authenticate(request);
        } catch (RuntimeException tokenRefused) {
            throw LlmFailure.of(tokenRefused);
        }
        return http.execute(request.build());
    }

    /** {@code choices[0].message}: its {@code function_call.arguments} (an object; a string is read too), else its text. */
    static LlmAnswer answer(HttpResponse response) {
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new LlmFailure.Unavailable("the answer is not JSON: " + e.getOriginalMessage());
        }
        JsonNode usage = root.path("usage");
        LlmAnswer.Usage tokens = new LlmAnswer.Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                usage.path("total_tokens").asLong(0));
        JsonNode message = root.path("choices").path(0).path("message");
        JsonNode arguments = message.path("function_call").path("arguments");
        if (arguments.isObject()) {
            return new LlmAnswer(arguments, null, tokens, LlmAnswer.FUNCTION);
        }
        if (arguments.isString()) {
            return new LlmAnswer(null, arguments.asString(), tokens, LlmAnswer.FUNCTION);
        }
        JsonNode content = message.path("content");
        if (!content.isString() || content.asString().isBlank()) {
            throw new LlmFailure.Unavailable("an empty answer (finish_reason " + root.path("choices").path(0).path("finish_reason").asString("none") + ")");
        }
        return new LlmAnswer(null, content.asString(), tokens, LlmAnswer.TEXT);
    }

    /** A new auth client: the old one's cached token is dropped. */
    private AuthClient newAuth() {
        LlmSettings.Gigachat gigachat = settings.gigachat();
        return AuthClient.builder()
                .withOAuth(AuthClientBuilder.OAuthBuilder.builder()
                        .authKey(gigachat.authKey())
                        .scope(Scope.valueOf(gigachat.scope()))
                        .authApiUrl(gigachat.authUrl())
                        .httpClient(http)
                        .verifySslCerts(gigachat.verifySsl())
                        .build())
                .build();
    }
}
