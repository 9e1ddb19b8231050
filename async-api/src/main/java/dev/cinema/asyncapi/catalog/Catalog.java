package dev.cinema.asyncapi.catalog;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.cinema.asyncapi.catalog.Documents.Genre;
import dev.cinema.asyncapi.catalog.Documents.Hits;
import dev.cinema.asyncapi.catalog.Documents.Movie;
import dev.cinema.asyncapi.catalog.Documents.Person;
import dev.cinema.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The queries of the catalog's indices. Elasticsearch down, or slower than {@code catalog.timeout},
 * becomes a 503 problem; the client reconnects by itself, so answers resume when it is back.
 */
@Component
@EnableConfigurationProperties(CatalogSettings.class)
public class Catalog {

    /** A film's fields in listings: everything but the text, the credits and the vector. */
    private static final List<String> SUMMARY_FIELDS = List.of("id", "title", "imdb_rating", "creation_date", "genres", "likes", "dislikes");
    /**
     * The ranking: recsys-service's {@code popularity} (the platform's likes and dislikes, with the
     * IMDb rating worth a few likes), then the IMDb rating for films it has not ranked yet.
     */
    private static final List<SortOptions> RANKING = List.of(
            // unmapped: an index made before recsys-service's fields existed sorts as if none had a value
            SortOptions.of(by -> by.field(field -> field.field("popularity").order(SortOrder.Desc).missing(FieldValue.of("_last"))
                    .unmappedType(FieldType.Float))),
            SortOptions.of(by -> by.field(field -> field.field("imdb_rating").order(SortOrder.Desc).missing(FieldValue.of("_last")))),
            SortOptions.of(by -> by.field(field -> field.field("id").order(SortOrder.Asc))));
    private static final List<String> NOT_SHOWN = List.of("embedding", "directors_names", "actors_names", "writers_names");


    private static final SortOptions BY_SCORE = SortOptions.of(by -> by.score(score -> score.order(SortOrder.Desc)));
    /** The last tie-breaker, so that pages never overlap. */
    private static final SortOptions BY_ID = SortOptions.of(by -> by.field(field -> field.field("id").order(SortOrder.Asc)));

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    private final ElasticsearchAsyncClient client;
    private final CatalogSettings settings;
    private final CatalogSettings.Indices indices;

    Catalog(ElasticsearchAsyncClient client, CatalogSettings settings) {
        this.client = client;
        this.settings = settings;
        this.indices = settings.indices();
    }

    public Mono<Movie> film(String id) {
        return call(() -> client.get(get -> get.index(indices.movies()).id(id).sourceExcludes(NOT_SHOWN), Movie.class))
                .filter(response -> response.found() && response.source() != null)
                .map(response -> response.source());
    }

    /** The films with these ids that exist, in the order given. */
    public Mono<List<Movie>> films(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return call(() -> client.mget(mget -> mget.index(indices.movies()).ids(List.copyOf(ids)).sourceIncludes(SUMMARY_FIELDS), Movie.class)
                .thenApply(response -> {
                    // A film whose read failed (its shard unavailable, reads blocked) is not a film that does not exist.
                    response.docs().stream().filter(item -> item.isFailure()).findFirst().ifPresent(failed -> {
                        throw new IllegalStateException("a film could not be read: " + failed.failure().error().reason());
                    });
                    return response;
                }))
                .map(response -> response.docs().stream()
                        .filter(item -> item.result().found() && item.result().source() != null)
                        .map(item -> item.result().source())
                        .toList());
    }

    public Mono<Hits<Movie>> films(FilmSort sort, String genreId, int from, int size) {
        Query filter = genreId == null
                ? Query.of(q -> q.matchAll(all -> all))
                : Query.of(q -> q.term(term -> term.field("genres.id").value(genreId)));
        return search(indices.movies(), Movie.class, search -> search.query(filter).from(from).size(size)
                .source(source -> source.filter(fields -> fields.includes(SUMMARY_FIELDS)))
                .sort(sort.options(), BY_ID));
    }

    /** Typo-tolerant: "Star Wors" finds Star Wars. Relevance first (titles count most), then rating. */
    public Mono<Hits<Movie>> searchFilms(String text, int from, int size) {
        return search(indices.movies(), Movie.class, search -> search
                .query(query -> query.bool(bool -> bool
                        .should(should -> should.match(match -> match.field("title").query(text).fuzziness("AUTO").boost(3f)))
                        .should(should -> should.matchPhrase(phrase -> phrase.field("title").query(text).boost(2f)))
                        .should(should -> should.match(match -> match.field("description").query(text).fuzziness("AUTO")))
                        .minimumShouldMatch("1")))
                .from(from).size(size)
                .source(source -> source.filter(fields -> fields.includes(SUMMARY_FIELDS)))
                .sort(BY_SCORE, SortOptions.of(by -> by.field(field -> field.field("imdb_rating").order(SortOrder.Desc)
                        .missing(FieldValue.of("_last"))))));
    }

    /** The ranking (see {@link #RANKING}), without the films in {@code excluded}. */
    public Mono<Hits<Movie>> ranking(Collection<String> excluded, int from, int size) {
        Query query = excluded.isEmpty()
                ? Query.of(q -> q.matchAll(all -> all))
                : Query.of(q -> q.bool(bool -> bool.mustNot(not -> not.ids(ids -> ids.values(List.copyOf(excluded))))));
        return search(indices.movies(), Movie.class, search -> search.query(query).from(from).size(size)
                .source(source -> source.filter(fields -> fields.includes(SUMMARY_FIELDS)))
                .sort(RANKING));
    }

    public Mono<List<Genre>> genres() {
        return search(indices.genres(), Genre.class, search -> search.query(q -> q.matchAll(all -> all)).size(1_000)
                .sort(by -> by.field(field -> field.field("name.raw").order(SortOrder.Asc))))
                .map(Hits::items);
    }

    public Mono<Genre> genre(String id) {
        return call(() -> client.get(get -> get.index(indices.genres()).id(id), Genre.class))
                .filter(response -> response.found() && response.source() != null)
                .map(response -> response.source());
    }

    public Mono<Person> person(String id) {
        return call(() -> client.get(get -> get.index(indices.persons()).id(id), Person.class))
                .filter(response -> response.found() && response.source() != null)
                .map(response -> response.source());
    }

    public Mono<Hits<Person>> searchPersons(String text, int from, int size) {
        return search(indices.persons(), Person.class, search -> search
                .query(query -> query.match(match -> match.field("full_name").query(text).fuzziness("AUTO")))
                .from(from).size(size)
                .sort(BY_SCORE, SortOptions.of(by -> by.field(field -> field.field("full_name.raw").order(SortOrder.Asc)))));
    }

    private <T> Mono<Hits<T>> search(String index, Class<T> type, Function<SearchRequest.Builder, SearchRequest.Builder> request) {
        return call(() -> client.search(search -> request.apply(search.index(index).trackTotalHits(total -> total.enabled(true))), type))
                .map(response -> hits(response));
    }

    private static <T> Hits<T> hits(SearchResponse<T> response) {
        List<T> items = response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
        long total = response.hits().total() == null ? items.size() : response.hits().total().value();
        return new Hits<>(items, total);
    }

    /** What a 503 tells the client: about how long Elasticsearch takes to come back or catch up. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private <T> Mono<T> call(Supplier<CompletableFuture<T>> request) {
        return Mono.fromFuture(request, true)
                .timeout(settings.timeout())
                .onErrorMap(failure -> !(failure instanceof ApiProblem), failure -> {
                    log.warn("Elasticsearch: {}", failure instanceof ElasticsearchException refused ? refused.response() : failure.toString());
                    return ApiProblem.unavailable("catalog-unavailable",
                            "The catalog cannot be searched right now; please try again shortly.", RETRY_AFTER);
                });
    }
}
