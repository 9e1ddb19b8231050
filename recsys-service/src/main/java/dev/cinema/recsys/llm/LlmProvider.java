package dev.cinema.recsys.llm;

/** One call to an LLM asking it to rank a prompt's candidates; blocking. Failures are {@link LlmFailure}s. */
interface LlmProvider {

    String name();

    LlmAnswer complete(Prompt prompt);
}
