package dev.cinema.recsys.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;

/** One chat call to an LLM; blocking. Failures are {@link LlmFailure}s. */
interface LlmProvider {

    String name();

    String complete(Prompt prompt);

    /** The model's answer to the prompt (its instructions as the system message); an empty answer is a failure. */
    static String ask(ChatModel model, Prompt prompt) {
        String text = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                .build()).aiMessage().text();
        if (text == null) {
            throw new LlmFailure.Unavailable("an empty answer");
        }
        return text;
    }
}
