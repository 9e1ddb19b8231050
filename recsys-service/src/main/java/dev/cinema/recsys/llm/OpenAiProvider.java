package dev.cinema.recsys.llm;

import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * Any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp) through langchain4j's
 * OpenAI model. langchain4j does not pass on the headers of a failed answer, so a 429 waits the
 * default pause rather than the server's {@code Retry-After}.
 */
final class OpenAiProvider implements LlmProvider {

    private final OpenAiChatModel model;

    OpenAiProvider(LlmSettings settings) {
        LlmSettings.Openai openai = settings.openai();
        this.model = OpenAiChatModel.builder()
                .baseUrl(openai.baseUrl())
                .apiKey(openai.apiKey() == null || openai.apiKey().isBlank() ? "none" : openai.apiKey())
                .modelName(openai.model())
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public String complete(Prompt prompt) {
        try {
            return LlmProvider.ask(model, prompt);
        } catch (RuntimeException e) {
            throw LlmFailure.of(e);
        }
    }
}
