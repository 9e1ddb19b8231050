package dev.cinema.asyncapi.feed;

import dev.cinema.asyncapi.catalog.Catalog;
import dev.cinema.asyncapi.catalog.CatalogSettings;
import dev.cinema.asyncapi.catalog.CatalogVersion;
import dev.cinema.asyncapi.catalog.Documents.Hits;
import dev.cinema.asyncapi.catalog.Documents.Movie;
import dev.cinema.web.ApiProblem;
import org.springframework.stereotype.Component;
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
 * stand in: a ranking a few votes old rather than a 503. Not kept when the cache is off
 * ({@code catalog.cache.enabled}).
 */
@Component
class RankingTop {

    /** Kept at most this long, should the catalog not change for so long. */
    private static final Duration LONGEST = Duration.ofDays(1);
    private static final Duration FAILURE_KEPT = Duration.ofSeconds(1);

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

    RankingTop(Catalog catalog, CatalogVersion version, CatalogSettings catalogSettings, FeedSettings settings) {
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
                    .doOnNext(top -> lastTop.accumulateAndGet(new Read(number, top),
                            (last, read) -> last == null || read.number() > last.number() ? read : last))
                    .cache(top -> LONGEST, failure -> FAILURE_KEPT, () -> Duration.ZERO));
            kept = now;
        }
        return now;
    }

    /** The top of the ranking, or when Elasticsearch cannot answer it, the last top read (if any). */
    Mono<Hits<Movie>> getOrLastRead() {
        return get().onErrorResume(failure -> ApiProblem.isUnavailable(failure) && lastTop.get() != null, failure -> lastRead());
    }

    /** The last top read, of whichever version; empty when none was read yet. */
    Mono<Hits<Movie>> lastRead() {
        return Mono.justOrEmpty(lastTop.get()).map(Read::top);
    }
}
