package dev.cinema.recsys.llm;

import dev.cinema.recsys.refresh.Recommendation;

import java.time.Instant;
import java.util.List;

/**
 * A viewer as the LLM's cadence sees them.
 *
 * @param changes   reactions applied since the last answer's prompt was made
 * @param changedAt when the last of them was applied
 * @param askedAt   when the LLM last answered for them (null: never)
 * @param failedAt  when a call for them last failed, if after that
 * @param answer    that answer, as recommendations (LLM-sourced)
 */
record LlmState(int changes, Instant changedAt, Instant askedAt, Instant failedAt, List<Recommendation> answer) {

    static final LlmState NEW = new LlmState(0, null, null, null, List.of());
}
