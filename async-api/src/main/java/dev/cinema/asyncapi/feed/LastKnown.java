package dev.cinema.asyncapi.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

/**
 * Each signed-in viewer's last recommendations and hidden films, to stand in when recsys-service
 * or ugc-service is slow or down: in this instance's memory, and in Redis so that every instance
 * has them (a viewer's requests go to any of them). Redis failing only leaves the memory.
 */
@Component
class LastKnown {

    private static final Logger log = LoggerFactory.getLogger(LastKnown.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(200);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final Cache<String, Recommendations> near;

    LastKnown(ReactiveStringRedisTemplate redis, JsonMapper json, FeedSettings settings) {
        this.redis = redis;
        this.json = json;
        this.ttl = settings.lastKnownTtl();
        this.near = Caffeine.newBuilder().maximumSize(settings.lastKnownViewers()).expireAfterWrite(ttl).build();
    }

    Mono<Recommendations> of(String viewer) {
        Recommendations nearby = near.getIfPresent(viewer);
        if (nearby != null) {
            return Mono.just(nearby);
        }
        return redis.opsForValue().get(key(viewer))
                .timeout(REDIS_TIMEOUT)
                .map(found -> json.readValue(found, Recommendations.class))
                .doOnNext(found -> near.put(viewer, found))
                .onErrorResume(failure -> {
                    log.debug("Redis: {}; no last answers for viewer {}", failure.toString(), viewer);
                    return Mono.empty();
                });
    }

    /** Kept in the background: the feed does not wait for Redis, nor writes it when nothing changed. */
    void keep(String viewer, Recommendations known) {
        if (known.equals(near.getIfPresent(viewer))) {
            return;
        }
        near.put(viewer, known);
        redis.opsForValue().set(key(viewer), json.writeValueAsString(known), ttl)
                .subscribe(stored -> { }, failure -> log.debug("Redis: {}; viewer {}'s answers kept in memory only", failure.toString(), viewer));
    }

    private static String key(String viewer) {
        return "feed:last-known:" + viewer;
    }
}
