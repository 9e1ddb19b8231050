package dev.cinema.recsys.llm;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param provider          gigachat, openai or none ({@code RECSYS_LLM_PROVIDER})
 * @param suggestions       how many films the LLM is asked for
 * @param requestsPerMinute calls per minute, per instance
 * @param concurrency       calls at once, per instance
 * @param timeout           one call longer than this has failed
 * @param attempts          tries per viewer (429 waits for Retry-After, 5xx and timeouts back off)
 * @param maxRetryAfter     the longest Retry-After honoured; longer, and the call fails
 * @param breakerOpenFor    after most recent calls failed, the LLM is not called for this long
 */
@ConfigurationProperties("recsys.llm")
public record LlmSettings(String provider, int suggestions, int requestsPerMinute, int concurrency, Duration timeout,
                          int attempts, Duration maxRetryAfter, Duration breakerOpenFor, Gigachat gigachat, Openai openai) {

    /**
     * @param authKey   the Basic authorization key of the GigaChat account ({@code GIGACHAT_AUTH_KEY}: base64 of client_id:client_secret)
     * @param scope     GIGACHAT_API_PERS, GIGACHAT_API_B2B or GIGACHAT_API_CORP
     * @param verifySsl false only for a test server: the real one needs the Russian root CA in the trust store
     */
    public record Gigachat(String authKey, String scope, String model, String authUrl, String apiUrl, boolean verifySsl) {
    }

    /** Any OpenAI-compatible endpoint: OpenAI, Ollama, vLLM, llama.cpp. */
    public record Openai(String baseUrl, String apiKey, String model) {
    }
}
