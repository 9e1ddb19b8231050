package dev.cinema.asyncapi.cache;

import dev.cinema.asyncapi.catalog.CatalogSettings;
import dev.cinema.asyncapi.catalog.CatalogVersion;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Supplier;

/**
 * Answers as JSON, kept in Redis under the catalog's version (see {@link CatalogVersion}), so a
 * catalog change is never answered from before it. The most asked answers are also kept in this
 * process ({@code nearEntries}, for at most {@code nearTtl}): under the same versioned keys, so
 * they turn stale exactly when Redis's do, and a hit costs no round trip. Redis is only an optimisation: when it fails,
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
    /** null when {@code nearEntries} is 0 */
    private final Cache<String, String> near;
    private final Counter nearHits;
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
        this.near = this.settings.nearEntries() > 0
                ? Caffeine.newBuilder().maximumSize(this.settings.nearEntries()).expireAfterWrite(this.settings.nearTtl()).build()
                : null;
        this.nearHits = meters.counter("catalog.cache", "result", "near-hit");
        this.hits = meters.counter("catalog.cache", "result", "hit");
        this.misses = meters.counter("catalog.cache", "result", "miss");
        this.failures = meters.counter("catalog.cache", "result", "error");
    }

    /** The answer named {@code key} as JSON: from Redis, or from {@code answer} and then kept. */
    public Mono<String> json(String key, Supplier<Mono<?>> answer) {
        Mono<String> computed = Mono.defer(answer).map(json::writeValueAsString);
        if (!settings.enabled()) {
            return computed;
        }
        String versionedKey = "catalog:" + version.current() + ":" + key;
        String nearby = near == null ? null : near.getIfPresent(versionedKey);
        if (nearby != null) {
            nearHits.increment();
            return Mono.just(nearby);
        }
        if (System.nanoTime() < pausedUntil) {
            return computed.doOnNext(value -> keepNear(versionedKey, value));
        }
        return redis.opsForValue().get(versionedKey)
                .timeout(settings.redisTimeout())
                .doOnNext(found -> {
                    hits.increment();
                    keepNear(versionedKey, found);
                })
                .onErrorResume(failure -> {
                    pause(failure);
                    return Mono.empty();
                })
                .switchIfEmpty(computed.doOnNext(value -> {
                    misses.increment();
                    keepNear(versionedKey, value);
                    keep(versionedKey, value);
                }));
    }

    /** Connects at start, so that the first answers do not pay for the connection (and time out). */
    @EventListener(ApplicationReadyEvent.class)
    void connect() {
        if (settings.enabled()) {
            redis.opsForValue().get("catalog:connect").subscribe(found -> { }, failure -> log.warn("Redis: {}", failure.toString()));
        }
    }

    private void keepNear(String key, String value) {
        if (near != null) {
            near.put(key, value);
        }
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
