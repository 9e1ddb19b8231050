package dev.cinema.recsys.llm;

import java.time.Instant;

/**
 * Whether the LLM is asked for a viewer now ({@link LlmSettings.Cadence}): the bill grows with what
 * viewers do, not with how many there are. A viewer who is not asked keeps the LLM's last answer,
 * and is due again when the answer would be asked (settled, or the interval over).
 */
final class LlmCadence {

    /** Why the LLM is or is not asked; {@code askAt}: when it would be, null when only a change can make it so. */
    record Decision(String reason, Instant askAt) {
        static final String ASK = "ask";
        static final String UNCHANGED = "unchanged";
        static final String SETTLING = "settling";
        static final String INTERVAL = "interval";
        static final String RETRY = "retry";

        boolean ask() {
            return reason.equals(ASK);
        }
    }

    private LlmCadence() {
    }

    static Decision decide(LlmSettings.Cadence cadence, LlmState state, Instant now) {
        if (state.changes() <= 0) {
            return new Decision(Decision.UNCHANGED, null);
        }
        if (state.failedAt() != null && state.failedAt().plus(cadence.retryAfterFailure()).isAfter(now)) {
            return new Decision(Decision.RETRY, state.failedAt().plus(cadence.retryAfterFailure()));
        }
        if (state.askedAt() != null && state.askedAt().plus(cadence.minInterval()).isAfter(now)) {
            return new Decision(Decision.INTERVAL, state.askedAt().plus(cadence.minInterval()));
        }
        Instant settled = state.changedAt() == null ? now : state.changedAt().plus(cadence.settle());
        if (state.changes() < cadence.changes() && settled.isAfter(now)) {
            return new Decision(Decision.SETTLING, settled);
        }
        return new Decision(Decision.ASK, null);
    }
}
