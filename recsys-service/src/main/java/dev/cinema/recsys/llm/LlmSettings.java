package dev.cinema.recsys.llm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param provider          gigachat, openai or none ({@code RECSYS_LLM_PROVIDER})
 * @param candidates        how many catalog films the LLM is given to rank (from the built-in recommender and the ranking)
 * @param picks             how many of them it is asked to pick, at most
 * @param discoveries       how many films from outside them it may add, at most
 * @param requestsPerMinute calls per minute, per instance
 * @param concurrency       calls at once, per instance
 * @param timeout           one call longer than this has failed
 * @param attempts          tries per viewer (429 waits for Retry-After, 5xx and timeouts back off)
 * @param maxRetryAfter     the longest Retry-After honoured; longer, and the call fails
 * @param breakerOpenFor    after most recent calls failed, the LLM is not called for this long
 * @param cadence           when a viewer's LLM answer is asked again
 * @param dailyCalls        calls a day (UTC), all instances together; 0: none
 * @param dailyTokens       tokens a day, all instances together (the call that crosses it is the last)
 */
@ConfigurationProperties("recsys.llm")
@Validated
public record LlmSettings(String provider, @Min(1) @Max(100) int candidates, @Min(1) @Max(100) int picks, @Min(0) @Max(20) int discoveries,
                          @Min(1) int requestsPerMinute, @Min(1) int concurrency, Duration timeout, @Min(1) int attempts,
                          Duration maxRetryAfter, Duration breakerOpenFor, @Valid @NotNull Cadence cadence, @Min(0) long dailyCalls,
                          @Min(0) long dailyTokens, Gigachat gigachat, Openai openai) {

    /**
     * The LLM is asked for a viewer only when their reactions changed since its last answer, once
     * they have been quiet for {@code settle} or made {@code changes} changes (a burst of likes is
     * one call, with all of them), and at most once per {@code minInterval}; a call that failed is
     * tried again after {@code retryAfterFailure}.
     */
    public record Cadence(@NotNull Duration settle, @Min(1) int changes, @NotNull Duration minInterval, @NotNull Duration retryAfterFailure) {
    }

    /**
     * @param authKey   the Basic authorization key of the GigaChat account ({@code GIGACHAT_AUTH_KEY}: base64 of client_id:client_secret)
     * @param scope     GIGACHAT_API_PERS, GIGACHAT_API_B2B or GIGACHAT_API_CORP
     * @param verifySsl false only for a test server: the real one needs the Russian root CA in the trust store
     */
    public record Gigachat(String authKey, String scope, String model, String authUrl, String apiUrl, boolean verifySsl) {
    }

    /**
     * Any OpenAI-compatible endpoint: OpenAI, Ollama, vLLM, llama.cpp.
     *
     * @param structured how the answer is asked for: tools (a required tool call), json-schema
     *                   ({@code response_format}) or text (for a server that supports neither)
     */
    public record Openai(String baseUrl, String apiKey, String model, String structured) {
    }
}
