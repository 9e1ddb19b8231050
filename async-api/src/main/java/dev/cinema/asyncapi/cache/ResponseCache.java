package dev.cinema.asyncapi.cache;

import dev.cinema.asyncapi.catalog.CatalogSettings;
import dev.cinema.asyncapi.catalog.CatalogVersion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Supplier;

/**
 * Answers as JSON, kept in Redis under the catalog's version (see {@link CatalogVersion}), so a
 * catalog change is never answered from before it. Redis is only an optimisation: when it fails,
 * the answer is computed, and Redis is left alone for {@code pauseAfterFailure} so that every
 * request does not wait for it. Errors (404, 503) are not kept.
 */
@Component
public class ResponseCache {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

    private final ReactiveStringRedisTemplate redis;
    private final CatalogVersion version;
    private final CatalogSettings.Cache settings;
    private final JsonMapper json;
    private final Counter hits;
    private final Counter misses;
    private final Counter failures;
    private volatile long pausedUntil;

    ResponseCache(ReactiveStringRedisTemplate redis, CatalogVersion version, CatalogSettings settings, JsonMapper json,
                  MeterRegistry meters) {
        this.redis = redis;
        this.version = version;
        this.settings = settings.cache();
        this.json = json;
        this.hits = meters.counter("catalog.cache", "result", "hit");
        this.misses = meters.counter("catalog.cache", "result", "miss");
        this.failures = meters.counter("catalog.cache", "result", "error");
    }

    /** The answer named {@code key} as JSON: from Redis, or from {@code answer} and then kept. */
    public Mono<String> json(String key, Supplier<Mono<?>> answer) {
        Mono<String> computed = Mono.defer(answer).map(json::writeValueAsString);
        if (!settings.enabled() || System.nanoTime() < pausedUntil) {
            return computed;
        }
        String versionedKey = "catalog:" + version.current() + ":" + key;
        return redis.opsForValue().get(versionedKey)
                .doOnNext(found -> hits.increment())
                .onErrorResume(failure -> {
                    pause(failure);
                    return Mono.empty();
                })
                .switchIfEmpty(computed.doOnNext(value -> {
                    misses.increment();
                    keep(versionedKey, value);
                }));
    }

    /** Kept in the background: the answer does not wait for Redis. */
    private void keep(String key, String value) {
        if (System.nanoTime() < pausedUntil) {
            return;
        }
        redis.opsForValue().set(key, value, settings.ttl()).subscribe(stored -> { }, this::pause);
    }

    private void pause(Throwable failure) {
        failures.increment();
        pausedUntil = System.nanoTime() + settings.pauseAfterFailure().toNanos();
        log.warn("Redis: {}; answering without the cache for {}", failure.toString(), settings.pauseAfterFailure());
    }
}
