package dev.cinema.asyncapi.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cinema.asyncapi.catalog.Catalog;
import dev.cinema.asyncapi.catalog.CatalogSettings;
import dev.cinema.asyncapi.catalog.CatalogVersion;
import dev.cinema.asyncapi.catalog.Documents.Movie;
import dev.cinema.web.ApiProblem;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The films of recommendations, as listings show them, kept in this process under the catalog's
 * version (see {@link CatalogVersion}) like every cached answer: a signed-in feed then asks
 * Elasticsearch only for the films no feed asked for since the catalog last changed. A film that
 * is not in the catalog is remembered as such. When that read fails (Elasticsearch down or slower
 * than its timeout), the films read under an earlier version stand in, should every film asked for
 * have one: vote counts a little old rather than a feed without its recommendations. Not kept when
 * the cache is off.
 */
@Component
class FilmSummaries {

    /** A film as read under a catalog version; empty: not in the catalog then. */
    private record Read(String version, Optional<Movie> film) {
    }

    private final Catalog catalog;
    private final CatalogVersion version;
    private final boolean enabled;
    /** By film id; null when the cache is off */
    private final Cache<String, Read> kept;

    FilmSummaries(Catalog catalog, CatalogVersion version, CatalogSettings settings) {
        this.catalog = catalog;
        this.version = version;
        this.enabled = settings.cache().enabled();
        this.kept = enabled ? Caffeine.newBuilder().maximumSize(settings.cache().nearEntries()).expireAfterWrite(settings.cache().ttl()).build() : null;
    }

    /** The films with these ids that exist, in the order given. */
    Mono<List<Movie>> films(List<String> ids) {
        return enabled ? Mono.defer(() -> keptOrFetched(ids, version.current())) : catalog.films(ids);
    }

    private Mono<List<Movie>> keptOrFetched(List<String> ids, String current) {
        Map<String, Read> known = new HashMap<>(kept.getAllPresent(ids));
        List<String> missing = ids.stream().filter(id -> !known.containsKey(id) || !known.get(id).version().equals(current)).toList();
        Mono<Map<String, Read>> all = missing.isEmpty() ? Mono.just(known) : catalog.films(missing).map(fetched -> {
            Map<String, Read> fresh = new HashMap<>();
            missing.forEach(id -> fresh.put(id, new Read(current, Optional.empty())));
            fetched.forEach(movie -> fresh.put(movie.id(), new Read(current, Optional.of(movie))));
            kept.putAll(fresh);
            known.putAll(fresh);
            return known;
        }).onErrorResume(failure -> ApiProblem.isUnavailable(failure) && known.keySet().containsAll(missing), failure -> Mono.just(known));
        return all.map(read -> {
            List<Movie> inOrder = new ArrayList<>(ids.size());
            ids.forEach(id -> read.get(id).film().ifPresent(inOrder::add));
            return inOrder;
        });
    }
}
