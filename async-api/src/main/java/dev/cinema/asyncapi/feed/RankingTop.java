package dev.cinema.asyncapi.feed;

import dev.cinema.asyncapi.catalog.Catalog;
import dev.cinema.asyncapi.catalog.CatalogSettings;
import dev.cinema.asyncapi.catalog.CatalogVersion;
import dev.cinema.asyncapi.catalog.Documents.Hits;
import dev.cinema.asyncapi.catalog.Documents.Movie;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Set;

/**
 * The top {@code feed.ranking-top} films of the ranking, kept in this process under the catalog's
 * version (see {@link CatalogVersion}): signed-in viewers' feeds are cut from it, each without its
 * viewer's films, instead of asking Elasticsearch to sort the whole catalog for every one of them.
 * Not kept when the cache is off ({@code catalog.cache.enabled}); a failure is not kept either.
 */
@Component
class RankingTop {

    /** Kept at most this long, should the catalog not change for so long. */
    private static final Duration LONGEST = Duration.ofDays(1);

    private record Kept(String version, Mono<Hits<Movie>> top) {
    }

    private final Catalog catalog;
    private final CatalogVersion version;
    private final boolean enabled;
    private final int size;
    private volatile Kept kept;

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
        if (now == null || !now.version().equals(current)) {
            now = new Kept(current, catalog.ranking(Set.of(), 0, size)
                    .cache(top -> LONGEST, failure -> Duration.ZERO, () -> Duration.ZERO));
            kept = now;
        }
        return now.top();
    }
}
