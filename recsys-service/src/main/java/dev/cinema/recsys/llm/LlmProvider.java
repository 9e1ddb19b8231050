package dev.cinema.recsys.llm;

/** One chat call to an LLM; blocking. Failures are {@link LlmFailure}s. */
interface LlmProvider {

    String name();

    String complete(Prompt prompt);
}
