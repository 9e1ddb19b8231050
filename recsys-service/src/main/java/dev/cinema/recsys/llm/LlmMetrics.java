package dev.cinema.recsys.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * What the LLM costs and gives: calls by outcome (failures by cause), tokens from each answer's
 * {@code usage}, answers by the form they came in, candidates kept and dropped (by reason),
 * discoveries matched in the catalog or not found.
 */
@Component
class LlmMetrics {

    private final MeterRegistry meters;

    LlmMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void answered(LlmAnswer answer) {
        meters.counter("recsys.llm.answers", "outcome", "answered", "form", answer.form(), "cause", "none").increment();
        meters.counter("recsys.llm.tokens", "kind", "prompt").increment(answer.usage().prompt());
        meters.counter("recsys.llm.tokens", "kind", "completion").increment(answer.usage().completion());
        meters.counter("recsys.llm.tokens", "kind", "total").increment(answer.usage().total());
    }

    /** {@code cause}: rate-limited, unauthorized, unavailable, refused, over-budget, unreadable, or the failure's class. */
    void failed(String cause) {
        meters.counter("recsys.llm.answers", "outcome", "failed", "form", "none", "cause", cause).increment();
    }

    void read(AnswerReader.Ranking ranking) {
        meters.counter("recsys.llm.candidates", "result", "kept", "reason", "picked").increment(ranking.picks().size());
        for (Map.Entry<String, Integer> dropped : ranking.dropped().entrySet()) {
            meters.counter("recsys.llm.candidates", "result", "dropped", "reason", dropped.getKey()).increment(dropped.getValue());
        }
    }

    /** A discovery found in the catalog and shown, found but the viewer knows it (or it is a candidate already), or not found. */
    void discovery(String result) {
        meters.counter("recsys.llm.discoveries", "result", result).increment();
    }

    static String cause(Throwable failure) {
        return switch (failure) {
            case LlmFailure.RateLimited ignored -> "rate-limited";
            case LlmFailure.Unauthorized ignored -> "unauthorized";
            case LlmFailure.Unavailable ignored -> "unavailable";
            case LlmFailure.Refused ignored -> "refused";
            case LlmFailure.OverBudget ignored -> "over-budget";
            case AnswerReader.Unreadable ignored -> "unreadable";
            default -> failure.getClass().getSimpleName();
        };
    }
}
