package dev.cinema.recsys.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
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
            String text = model.chat(ChatRequest.builder()
                    .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                    .build()).aiMessage().text();
            if (text == null) {
                throw new LlmFailure.Unavailable("an empty answer");
            }
            return text;
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof HttpException http) {
                    throw LlmFailure.ofStatus(http.statusCode(), null, http.getMessage());
                }
            }
            throw LlmFailure.of(e);
        }
    }
}
