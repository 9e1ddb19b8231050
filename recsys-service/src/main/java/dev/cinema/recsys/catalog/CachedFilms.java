package dev.cinema.recsys.catalog;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalog's films, with their vectors, as the refresh reads them: the same liked and
 * recommended films come back for viewer after viewer, so each is read from Elasticsearch once per
 * {@link #KEPT_FOR} (the films missing from a read in one mget), not once per viewer. A film changed
 * or removed in the catalog is seen within that time; a film not found is not kept, so one indexed
 * later is found at once.
 */
@Component
public class CachedFilms {

    /** Far shorter than a viewer's refresh interval (1 h), the age of the lists a viewer sees anyway. */
    static final Duration KEPT_FOR = Duration.ofMinutes(5);
    /** About 2 KB each with its vector: at most some 100 MB. */
    static final long MOST_FILMS = 50_000;

    private final Catalog catalog;
    private final AsyncCache<UUID, CatalogFilm> films = Caffeine.newBuilder().expireAfterWrite(KEPT_FOR).maximumSize(MOST_FILMS).buildAsync();

    CachedFilms(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The films with these ids that exist, in the order of {@code ids}, with their vectors. */
    public Mono<List<CatalogFilm>> films(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return Mono.fromFuture(() -> films.getAll(ids, (missing, executor) -> catalog.films(List.copyOf(missing), true)
                        .map(found -> found.stream().collect(Collectors.toMap(film -> UUID.fromString(film.id()), Function.identity(), (a, b) -> a)))
                        .toFuture()), true)
                .map(found -> ids.stream().distinct().map(found::get).filter(Objects::nonNull).toList());
    }

}
