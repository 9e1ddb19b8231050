package dev.cinema.asyncapi.feed;

import dev.cinema.asyncapi.catalog.Catalog;
import dev.cinema.asyncapi.catalog.CatalogSettings;
import dev.cinema.asyncapi.catalog.CatalogVersion;
import dev.cinema.asyncapi.catalog.Documents.Hits;
import dev.cinema.asyncapi.catalog.Documents.Movie;
import dev.cinema.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The top {@code feed.ranking-top} films of the ranking, kept in this process under the catalog's
 * version (see {@link CatalogVersion}): feeds are cut from it (a signed-in viewer's without their
 * films) instead of asking Elasticsearch to sort the whole catalog for every one of them.
 * A new version is read once, whichever feeds ask at the same time. When that read fails
 * (Elasticsearch down or slower than its timeout, as on a machine under load just after vote counts
 * changed the version), the failure is kept for {@link #FAILURE_KEPT}, so that the feeds meanwhile do
 * not each ask a struggling Elasticsearch again and wait for its timeout, and {@link #lastRead} can
 * stand in: a ranking a few votes old rather than a 503. The last top read is kept in Redis too,
 * so that an instance started while Elasticsearch cannot answer stands on the one an instance read
 * before (Redis failing only leaves the memory). Not kept when the cache is off
 * ({@code catalog.cache.enabled}).
 */
@Component
class RankingTop {

    /** Kept at most this long, should the catalog not change for so long. */
    private static final Duration LONGEST = Duration.ofDays(1);
    private static final Duration FAILURE_KEPT = Duration.ofSeconds(1);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(200);
    private static final String LAST_READ_KEY = "feed:ranking-top:last-read";
    private static final TypeReference<Hits<Movie>> LAST_READ_TYPE = new TypeReference<>() {
    };
    private static final Logger log = LoggerFactory.getLogger(RankingTop.class);

    private record Kept(String version, Mono<Hits<Movie>> top) {
    }

    /** A top as read, numbered in the order the reads began, so that a slow older read never replaces a newer one. */
    private record Read(long number, Hits<Movie> top) {
    }

    private final Catalog catalog;
    private final CatalogVersion version;
    private final boolean enabled;
    private final int size;
    private volatile Kept kept;
    private long reads;
    private final AtomicReference<Read> lastTop = new AtomicReference<>();
    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;

    RankingTop(Catalog catalog, CatalogVersion version, CatalogSettings catalogSettings, FeedSettings settings,
               ReactiveStringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
        this.catalog = catalog;
        this.version = version;
        this.enabled = catalogSettings.cache().enabled();
        this.size = settings.rankingTop();
    }

    /** The top of the ranking, and how many films the ranking holds in all. */
    Mono<Hits<Movie>> get() {
        if (!enabled) {
            return catalog.ranking(Set.of(), 0, size);
        }
        String current = version.current();
        Kept now = kept;
        return (now != null && now.version().equals(current) ? now : keptFor(current)).top();
    }

    private synchronized Kept keptFor(String current) {
        Kept now = kept;
        if (now == null || !now.version().equals(current)) {
            long number = ++reads;
            now = new Kept(current, catalog.ranking(Set.of(), 0, size)
                    .doOnNext(top -> keep(new Read(number, top)))
                    .cache(top -> LONGEST, failure -> FAILURE_KEPT, () -> Duration.ZERO));
            kept = now;
        }
        return now;
    }

    /** Kept when no newer read was; in Redis in the background, the feed does not wait for it. */
    private void keep(Read read) {
        if (lastTop.accumulateAndGet(read, (last, fresh) -> last == null || fresh.number() > last.number() ? fresh : last) == read) {
            redis.opsForValue().set(LAST_READ_KEY, json.writeValueAsString(read.top()), LONGEST)
                    .subscribe(stored -> { }, failure -> log.debug("Redis: {}; the ranking's top kept in memory only", failure.toString()));
        }
    }

    /** The top of the ranking, or when Elasticsearch cannot answer it, the last top read (if any). */
    Mono<Hits<Movie>> getOrLastRead() {
        return get().onErrorResume(ApiProblem::isUnavailable, failure -> lastRead().switchIfEmpty(Mono.error(failure)));
    }

    /** The last top read, of whichever version: this instance's, else the one kept in Redis; empty when none. */
    Mono<Hits<Movie>> lastRead() {
        Read read = lastTop.get();
        if (read != null || !enabled) {
            return Mono.justOrEmpty(read).map(Read::top);
        }
        // Taken as this instance's own oldest read (number 0): asked of Redis once, replaced by any read of its own.
        return redis.opsForValue().get(LAST_READ_KEY)
                .timeout(REDIS_TIMEOUT)
                .map(found -> json.readValue(found, LAST_READ_TYPE))
                .doOnNext(top -> lastTop.compareAndSet(null, new Read(0, top)))
                .onErrorResume(failure -> {
                    log.debug("Redis: {}; no ranking's top last read", failure.toString());
                    return Mono.empty();
                });
    }
}
