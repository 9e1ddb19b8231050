package dev.cinema.recsys.catalog;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.ShardStatistics;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The film catalog in Elasticsearch ({@code movies}, written by catalog-etl), as recsys-service
 * reads it. The offline evaluation points it at an index of its own ({@code recsys.catalog-index}).
 */
@Component
public class Catalog {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int ID_PAGE = 5_000;
    private static final List<String> FIELDS = List.of("id", "title", "creation_date", "imdb_rating", "genres.name");
    private static final List<String> FIELDS_AND_VECTOR = List.of("id", "title", "creation_date", "imdb_rating", "genres.name", "embedding");

    /** A film found near a query vector, with its cosine-based score (Elasticsearch's, 0..1). */
    public record Scored(CatalogFilm film, double score) {
    }

    private final ElasticsearchAsyncClient client;
    private final String index;

    Catalog(ElasticsearchAsyncClient client, @Value("${recsys.catalog-index:movies}") String index) {
        this.client = client;
        this.index = index;
    }

    public String index() {
        return index;
    }

    /** The films with these ids that exist, with their vectors when {@code withVectors}. */
    public Mono<List<CatalogFilm>> films(Collection<UUID> ids, boolean withVectors) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> keys = ids.stream().map(UUID::toString).toList();
        return Mono.fromFuture(() -> client.mget(mget -> mget.index(index).ids(keys)
                                .sourceIncludes(withVectors ? FIELDS_AND_VECTOR : FIELDS), CatalogFilm.class), true)
                .timeout(TIMEOUT)
                .map(Catalog::whole)
                .map(response -> response.docs().stream()
                        .filter(item -> item.isResult() && item.result().found() && item.result().source() != null)
                        .map(item -> item.result().source())
                        .toList());
    }

    /** Films whose title matches {@code title}, typos allowed, best first. */
    public Mono<List<CatalogFilm>> byTitle(String title, int size) {
        return Mono.fromFuture(() -> client.search(search -> search.index(index).size(size)
                                .query(query -> query.match(match -> match.field("title").query(title).fuzziness("AUTO")))
                                .source(source -> source.filter(fields -> fields.includes(FIELDS))), CatalogFilm.class), true)
                .timeout(TIMEOUT)
                .map(Catalog::whole)
                .map(Catalog::sources);
    }

    /** The {@code size} films first in the ranking (the {@code popularity} recsys-service writes), none of {@code excluded}. */
    public Mono<List<CatalogFilm>> topRanked(Collection<UUID> excluded, int size) {
        List<String> without = excluded.stream().map(UUID::toString).toList();
        return Mono.fromFuture(() -> client.search(search -> search.index(index).size(size)
                                .query(query -> query.bool(bool -> bool.mustNot(not -> not.ids(ids -> ids.values(without)))))
                                .sort(sort -> sort.field(field -> field.field("popularity").order(SortOrder.Desc).missing("_last")
                                        // an index recsys-service has not written yet (a new one, the evaluation's) has no such field
                                        .unmappedType(FieldType.Float)))
                                .source(source -> source.filter(fields -> fields.includes(FIELDS))), CatalogFilm.class), true)
                .timeout(TIMEOUT)
                .map(Catalog::whole)
                .map(Catalog::sources);
    }

    /**
     * The {@code k} films nearest to {@code vector} (cosine), none of {@code excluded}; without
     * their vectors (a hundred of them are half a megabyte of JSON).
     */
    public Mono<List<Scored>> nearest(float[] vector, Collection<UUID> excluded, int k) {
        List<Float> query = new ArrayList<>(vector.length);
        for (float value : vector) {
            query.add(value);
        }
        List<String> without = excluded.stream().map(UUID::toString).toList();
        Query filter = Query.of(q -> q.bool(bool -> bool.mustNot(not -> not.ids(ids -> ids.values(without)))));
        return Mono.fromFuture(() -> client.search(search -> search.index(index)
                                .knn(knn -> knn.field("embedding").queryVector(query).k(k).numCandidates(Math.max(100, 2 * k)).filter(filter))
                                .size(k)
                                .source(source -> source.filter(fields -> fields.includes(FIELDS))), CatalogFilm.class), true)
                .timeout(TIMEOUT)
                .map(Catalog::whole)
                .map(response -> response.hits().hits().stream()
                        .filter(hit -> hit.source() != null)
                        .map(hit -> new Scored(hit.source(), Objects.requireNonNullElse(hit.score(), 0.0)))
                        .toList());
    }

    /** Every film's id, a page at a time (sorted by id, each page after the last id of the one before). */
    public Flux<UUID> ids() {
        return idsAfter(List.of())
                .expand(page -> page.size() < ID_PAGE ? Mono.empty() : idsAfter(page.getLast().sort()))
                .flatMapIterable(page -> page.stream().map(hit -> UUID.fromString(hit.id())).toList());
    }

    /** A page of hits (ids only), after the one whose sort values are {@code last} (none: the first page). */
    private Mono<List<Hit<CatalogFilm>>> idsAfter(List<FieldValue> last) {
        return Mono.fromFuture(() -> client.search(search -> {
                    search.index(index).size(ID_PAGE).source(source -> source.fetch(false))
                            .sort(sort -> sort.field(field -> field.field("id").order(SortOrder.Asc)));
                    return last.isEmpty() ? search : search.searchAfter(last);
                }, CatalogFilm.class), true)
                .timeout(TIMEOUT)
                .map(Catalog::whole)
                .map(response -> response.hits().hits());
    }

    /** The answer, if every film could be read: a film on a shard not started yet comes back as a failure, not as missing. */
    private static <T> MgetResponse<T> whole(MgetResponse<T> response) {
        response.docs().stream().filter(MultiGetResponseItem::isFailure).findFirst().ifPresent(failed -> {
            throw new CatalogUnavailable("film " + failed.failure().id() + " could not be read: " + failed.failure().error().reason());
        });
        return response;
    }

    /** The answer, if every shard gave its part: a search some shards failed misses films silently. */
    /** The films of a search's hits, best first. */
    private static List<CatalogFilm> sources(SearchResponse<CatalogFilm> response) {
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
    }

    private static <T> SearchResponse<T> whole(SearchResponse<T> response) {
        ShardStatistics shards = response.shards();
        if (shards != null && shards.failed().intValue() > 0) {
            throw new CatalogUnavailable("%d of %d shards of the catalog failed".formatted(shards.failed().intValue(), shards.total().intValue()));
        }
        return response;
    }
}
