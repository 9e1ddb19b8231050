package dev.cinema.recsys.llm;

import dev.langchain4j.exception.HttpException;

import java.time.Duration;

/** Why a call to the LLM failed, as the retry policy needs to know it. */
abstract sealed class LlmFailure extends RuntimeException {

    LlmFailure(String message) {
        super(message);
    }

    /** 429: try again after {@code retryAfter} (the server's {@code Retry-After}, or a default). */
    static final class RateLimited extends LlmFailure {
        final Duration retryAfter;

        RateLimited(Duration retryAfter) {
            super("rate limited; retry after " + retryAfter);
            this.retryAfter = retryAfter;
        }
    }

    /** 401: the token is no longer accepted. */
    static final class Unauthorized extends LlmFailure {
        Unauthorized(String message) {
            super(message);
        }
    }

    /** 5xx, a timeout, a lost connection: worth another try later. */
    static final class Unavailable extends LlmFailure {
        Unavailable(String message) {
            super(message);
        }
    }

    /** Today's budget of calls or tokens is spent ({@link LlmBudget}): no call was made. */
    static final class OverBudget extends LlmFailure {
        OverBudget() {
            super("today's LLM budget is spent");
        }
    }

    /** Another 4xx (bad request, no such model, tokens used up): another try would fail the same way. */
    static final class Refused extends LlmFailure {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * The failure behind {@code thrown}, wherever a library wrapped it: ours (GigaChat's calls go
     * through {@link CheckedHttpClient}), or langchain4j's HTTP failure by its status (the OpenAI
     * model); anything unknown is {@link Unavailable}.
     */
    static LlmFailure of(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof LlmFailure failure) {
                return failure;
            }
            if (cause instanceof HttpException http) {
                return ofStatus(http.statusCode(), null, http.getMessage());
            }
        }
        return new Unavailable(thrown.toString());
    }

    static LlmFailure ofStatus(int status, String retryAfterHeader, String body) {
        String detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        if (status == 429) {
            return new RateLimited(retryAfter(retryAfterHeader));
        }
        if (status == 401) {
            return new Unauthorized(detail);
        }
        if (status >= 500 || status == 408) {
            return new Unavailable(detail);
        }
        return new Refused(detail);
    }

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** {@code Retry-After} in seconds (the HTTP-date form counts as the default). */
    static Duration retryAfter(String header) {
        if (header != null && header.strip().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        return DEFAULT_RETRY_AFTER;
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
