package dev.cinema.asyncapi.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cinema.asyncapi.catalog.Catalog;
import dev.cinema.asyncapi.catalog.CatalogSettings;
import dev.cinema.asyncapi.catalog.CatalogVersion;
import dev.cinema.asyncapi.catalog.Documents.Movie;
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
 * is not in the catalog is remembered as such. Not kept when the cache is off.
 */
@Component
class FilmSummaries {

    private final Catalog catalog;
    private final CatalogVersion version;
    private final boolean enabled;
    /** null when the cache is off */
    private final Cache<String, Optional<Movie>> kept;

    FilmSummaries(Catalog catalog, CatalogVersion version, CatalogSettings settings) {
        this.catalog = catalog;
        this.version = version;
        this.enabled = settings.cache().enabled();
        this.kept = enabled ? Caffeine.newBuilder().maximumSize(settings.cache().nearEntries()).expireAfterWrite(settings.cache().ttl()).build() : null;
    }

    /** The films with these ids that exist, in the order given. */
    Mono<List<Movie>> films(List<String> ids) {
        return enabled ? Mono.defer(() -> keptOrFetched(ids, version.current() + ":")) : catalog.films(ids);
    }

    private Mono<List<Movie>> keptOrFetched(List<String> ids, String prefix) {
        Map<String, Optional<Movie>> films = new HashMap<>(kept.getAllPresent(ids.stream().map(id -> prefix + id).toList()));
        List<String> missing = ids.stream().filter(id -> !films.containsKey(prefix + id)).toList();
        Mono<Map<String, Optional<Movie>>> all = missing.isEmpty() ? Mono.just(films) : catalog.films(missing).map(fetched -> {
            Map<String, Optional<Movie>> fresh = new HashMap<>();
            missing.forEach(id -> fresh.put(prefix + id, Optional.empty()));
            fetched.forEach(movie -> fresh.put(prefix + movie.id(), Optional.of(movie)));
            kept.putAll(fresh);
            films.putAll(fresh);
            return films;
        });
        return all.map(known -> {
            List<Movie> inOrder = new ArrayList<>(ids.size());
            ids.forEach(id -> known.getOrDefault(prefix + id, Optional.empty()).ifPresent(inOrder::add));
            return inOrder;
        });
    }
}
