package dev.cinema.recsys.llm;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The LLM behind its guards, per instance: at most {@code requestsPerMinute} calls a minute (evenly spaced) and
 * {@code concurrency} at once; each call cut at {@code timeout}; a 429 waits for its
 * {@code Retry-After} (up to {@code maxRetryAfter}), 5xx and timeouts back off, up to
 * {@code attempts} tries; when most recent calls failed, a circuit breaker stops calling for
 * {@code breakerOpenFor}. What still fails is an error the caller answers with the built-in
 * recommender. Each call is first counted in today's {@link LlmBudget}, once it has passed the
 * other guards (a call they turn away costs nothing); over budget, it is {@link LlmFailure.OverBudget}.
 */
final class LlmClient {

    private final LlmProvider provider;
    /** Counts a call in today's budget; false when it is spent. */
    private final BooleanSupplier reserveCall;
    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Timer calls;

    LlmClient(LlmProvider provider, BooleanSupplier reserveCall, LlmSettings settings, MeterRegistry meters) {
        this.provider = provider;
        this.reserveCall = reserveCall;
        // one call per 1/requestsPerMinute of a minute, not requestsPerMinute at once at each minute's
        // start: a burst of due viewers is spread out, and no minute ever holds more than the limit
        this.rateLimiter = RateLimiter.of("llm", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(Duration.ofMinutes(1).toNanos() / settings.requestsPerMinute()))
                .timeoutDuration(Duration.ofMinutes(1))
                .build());
        this.bulkhead = Bulkhead.of("llm", BulkheadConfig.custom()
                .maxConcurrentCalls(settings.concurrency())
                .maxWaitDuration(Duration.ofMinutes(1))
                .build());
        this.breaker = CircuitBreaker.of("llm", CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.breakerOpenFor())
                .ignoreExceptions(LlmFailure.Refused.class, LlmFailure.OverBudget.class)
                .build());
        this.retry = Retry.of("llm", RetryConfig.<LlmAnswer>custom()
                .maxAttempts(settings.attempts())
                .retryOnException(failure -> failure instanceof LlmFailure.RateLimited rateLimited
                        ? rateLimited.retryAfter.compareTo(settings.maxRetryAfter()) <= 0
                        : failure instanceof LlmFailure.Unavailable)
                .intervalBiFunction(LlmClient::pauseBefore)
                .build());
        this.calls = Timer.builder("recsys.llm.calls").tag("provider", provider.name()).register(meters);
    }

    /** A 429's own Retry-After; otherwise 0.5 s, doubling. */
    private static Long pauseBefore(Integer attempt, Either<Throwable, LlmAnswer> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof LlmFailure.RateLimited rateLimited) {
            return rateLimited.retryAfter.toMillis();
        }
        return 500L * (1L << Math.min(attempt - 1, 5));
    }

    String provider() {
        return provider.name();
    }

    /** The model's answer to a prompt, off the event loop. */
    Mono<LlmAnswer> ask(Prompt prompt) {
        Supplier<LlmAnswer> call = () -> {
            if (!reserveCall.getAsBoolean()) {
                throw new LlmFailure.OverBudget();
            }
            return calls.record(() -> provider.complete(prompt));
        };
        Supplier<LlmAnswer> guarded = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(breaker,
                        Bulkhead.decorateSupplier(bulkhead,
                                RateLimiter.decorateSupplier(rateLimiter, call))));
        return Mono.fromSupplier(guarded)
                .subscribeOn(Schedulers.boundedElastic());
    }
}
