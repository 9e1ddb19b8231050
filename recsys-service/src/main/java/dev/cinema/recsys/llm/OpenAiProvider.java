package dev.cinema.recsys.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp) through langchain4j's
 * OpenAI model, answering as {@code recsys.llm.openai.structured} says: {@code tools} (the ranking
 * function as the one tool, its call required; arguments come as a JSON string), {@code json-schema}
 * ({@code response_format} with the function's schema) or {@code text} (the prompt's JSON form,
 * for a server that supports neither). langchain4j does not pass on the headers of a failed answer,
 * so a 429 waits the default pause rather than the server's {@code Retry-After}.
 */
final class OpenAiProvider implements LlmProvider {

    static final String TOOLS = "tools";
    static final String JSON_SCHEMA = "json-schema";
    static final String TEXT = "text";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAiChatModel model;
    private final String structured;

    OpenAiProvider(LlmSettings settings) {
        LlmSettings.Openai openai = settings.openai();
        this.structured = openai.structured();
        if (!structured.equals(TOOLS) && !structured.equals(JSON_SCHEMA) && !structured.equals(TEXT)) {
            throw new IllegalArgumentException("recsys.llm.openai.structured must be tools, json-schema or text; got " + structured);
        }
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
    public LlmAnswer complete(Prompt prompt) {
        ChatRequest.Builder request = ChatRequest.builder().messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()));
        switch (structured) {
            case TOOLS -> request.toolSpecifications(RankingFunction.tool()).toolChoice(ToolChoice.REQUIRED);
            case JSON_SCHEMA -> request.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder().name(RankingFunction.NAME).rootElement(RankingFunction.PARAMETERS).build()).build());
            default -> {
            }
        }
        ChatResponse response;
        try {
            response = model.chat(request.build());
        } catch (RuntimeException e) {
            throw LlmFailure.of(e);
        }
        LlmAnswer.Usage usage = usage(response.tokenUsage());
        AiMessage message = response.aiMessage();
        if (message.hasToolExecutionRequests()) {
            String arguments = message.toolExecutionRequests().getFirst().arguments();
            try {
                return new LlmAnswer(JSON.readTree(arguments), null, usage, LlmAnswer.TOOL);
            } catch (JacksonException e) {
                // not JSON after all: the text reader looks for an object inside it
                return new LlmAnswer(null, arguments, usage, LlmAnswer.TOOL);
            }
        }
        if (message.text() == null || message.text().isBlank()) {
            throw new LlmFailure.Unavailable("an empty answer");
        }
        return new LlmAnswer(null, message.text(), usage, structured.equals(JSON_SCHEMA) ? LlmAnswer.JSON_SCHEMA : LlmAnswer.TEXT);
    }

    private static LlmAnswer.Usage usage(TokenUsage usage) {
        if (usage == null) {
            return LlmAnswer.Usage.NONE;
        }
        long in = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return new LlmAnswer.Usage(in, out, usage.totalTokenCount() == null ? in + out : usage.totalTokenCount());
    }
}
