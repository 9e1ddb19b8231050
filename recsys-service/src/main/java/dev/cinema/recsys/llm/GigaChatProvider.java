package dev.cinema.recsys.llm;

import chat.giga.client.auth.AuthClient;
import chat.giga.client.auth.AuthClientBuilder;
import chat.giga.langchain4j.GigaChatChatModel;
import chat.giga.langchain4j.GigaChatChatRequestParameters;
import chat.giga.model.Scope;

/**
 * GigaChat through {@code langchain4j-gigachat}: an OAuth token from the auth URL (Basic key, scope,
 * RqUID), cached by the library, then chat completions. A 401 (the token expired early) gets a new
 * token and the call is made once more.
 */
final class GigaChatProvider implements LlmProvider {

    private final LlmSettings settings;
    private volatile GigaChatChatModel model;

    GigaChatProvider(LlmSettings settings) {
        this.settings = settings;
        this.model = newModel();
    }

    @Override
    public String name() {
        return "gigachat";
    }

    @Override
    public String complete(Prompt prompt) {
        try {
            return LlmProvider.ask(model, prompt);
        } catch (RuntimeException first) {
            if (!(LlmFailure.of(first) instanceof LlmFailure.Unauthorized)) {
                throw LlmFailure.of(first);
            }
            model = newModel();
            try {
                return LlmProvider.ask(model, prompt);
            } catch (RuntimeException again) {
                throw LlmFailure.of(again);
            }
        }
    }

    /** A new model with a new auth client: the old one's cached token is dropped. */
    private GigaChatChatModel newModel() {
        LlmSettings.Gigachat gigachat = settings.gigachat();
        int seconds = (int) Math.max(1, settings.timeout().toSeconds());
        AuthClient auth = AuthClient.builder()
                .withOAuth(AuthClientBuilder.OAuthBuilder.builder()
                        .authKey(gigachat.authKey())
                        .scope(Scope.valueOf(gigachat.scope()))
                        .authApiUrl(gigachat.authUrl())
                        .httpClient(new CheckedHttpClient(settings.timeout(), gigachat.verifySsl()))
                        .verifySslCerts(gigachat.verifySsl())
                        .build())
                .build();
        return GigaChatChatModel.builder()
                .authClient(auth)
                .apiUrl(gigachat.apiUrl())
                .apiHttpClient(new CheckedHttpClient(settings.timeout(), gigachat.verifySsl()))
                .readTimeout(seconds)
                .connectTimeout(seconds)
                .verifySslCerts(gigachat.verifySsl())
                .maxRetries(0)
                .defaultChatRequestParameters(GigaChatChatRequestParameters.builder().modelName(gigachat.model()).build())
                .build();
    }
}
