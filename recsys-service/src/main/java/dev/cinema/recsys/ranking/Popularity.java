package dev.cinema.recsys.ranking;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.cinema.lifecycle.BackgroundLoop;
import dev.cinema.recsys.RecsysSettings;
import dev.cinema.recsys.catalog.Catalog;
import dev.cinema.recsys.catalog.CatalogFilm;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes each film's {@code likes}, {@code dislikes} and {@code popularity} (the
 * {@link RankingScore}) into its document, where async-api's feed sorts by it: every
 * {@code votesFlush}, for the films whose votes changed, and for the films without a popularity
 * (new, or re-indexed by catalog-etl, which clears it). Instances share the changed films with
 * {@code SKIP LOCKED}; a failed write marks them changed again.
 */
@Component
@Profile("!eval")
class Popularity extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(Popularity.class);
    private static final int BATCH = 500;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A pass that hangs (a lock, a lost connection) must not stop the loop. */
    private static final Duration PASS_TIMEOUT = Duration.ofMinutes(1);

    private record Votes(int likes, int dislikes) {
        static final Votes NONE = new Votes(0, 0);
    }

    private final DatabaseClient db;
    private final ElasticsearchAsyncClient elasticsearch;
    private final Catalog catalog;
    private final RecsysSettings settings;
    private final Counter refused;

    Popularity(DatabaseClient db, ElasticsearchAsyncClient elasticsearch, Catalog catalog, RecsysSettings settings, MeterRegistry meters) {
        this.db = db;
        this.elasticsearch = elasticsearch;
        this.catalog = catalog;
        this.settings = settings;
        this.refused = Counter.builder("recsys.popularity.refused")
                .description("film documents whose votes Elasticsearch refused; written again at the next pass").register(meters);
    }

    @Override
    protected Disposable run() {
        // A pass that wrote a full batch (a freshly loaded catalog) is followed at once by the next.
        // (repeatWhen counts the values of the last pass: 1 when the pass was full, 0 when filtered out.)
        return Mono.defer(this::flush)
                .timeout(PASS_TIMEOUT)
                .onErrorResume(failure -> {
                    log.warn("popularity: {}", failure.toString());
                    return Mono.just(0);
                })
                .filter(written -> written >= BATCH)
                .repeatWhen(passes -> passes.concatMap(full -> Mono.delay(full > 0 ? Duration.ZERO : settings.votesFlush())))
                .subscribe();
    }

    /** One pass; emits how many films were written. */
    Mono<Integer> flush() {
        return changedVotes().flatMap(changed -> unranked().flatMap(unranked -> {
            Map<UUID, Votes> votes = new LinkedHashMap<>(changed);
            List<UUID> missing = unranked.stream().filter(id -> !votes.containsKey(id)).toList();
            log.debug("{} films with changed votes, {} without a popularity", changed.size(), missing.size());
            return votesOf(missing).flatMap(known -> {
                missing.forEach(id -> votes.put(id, known.getOrDefault(id, Votes.NONE)));
                return write(votes);
            }).onErrorResume(failure -> markChanged(changed.keySet()).then(Mono.error(failure)));
        }));
    }

    private Mono<Map<UUID, Votes>> changedVotes() {
        return db.sql("""
                        UPDATE film_votes SET dirty = false
                        WHERE film_id IN (SELECT film_id FROM film_votes WHERE dirty LIMIT :batch FOR UPDATE SKIP LOCKED)
                        RETURNING film_id, likes, dislikes""")
                .bind("batch", BATCH)
                .map(row -> Map.entry(row.get("film_id", UUID.class), new Votes(row.get("likes", Integer.class), row.get("dislikes", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Map<UUID, Votes>> votesOf(List<UUID> films) {
        if (films.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT film_id, likes, dislikes FROM film_votes WHERE film_id = ANY(:films)")
                .bind("films", films.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("film_id", UUID.class), new Votes(row.get("likes", Integer.class), row.get("dislikes", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Void> markChanged(Set<UUID> films) {
        if (films.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("UPDATE film_votes SET dirty = true WHERE film_id = ANY(:films)")
                .bind("films", films.toArray(UUID[]::new)).then();
    }

    /** Films in the catalog without a popularity yet. */
    private Mono<List<UUID>> unranked() {
        return Mono.fromFuture(() -> elasticsearch.search(search -> search.index(catalog.index()).size(BATCH)
                                .query(query -> query.bool(bool -> bool.mustNot(not -> not.exists(exists -> exists.field("popularity")))))
                                .source(source -> source.fetch(false)), Void.class), true)
                .timeout(TIMEOUT)
                .map(response -> response.hits().hits().stream().map(hit -> UUID.fromString(hit.id())).toList());
    }

    private Mono<Integer> write(Map<UUID, Votes> votes) {
        if (votes.isEmpty()) {
            return Mono.just(0);
        }
        return Mono.zip(catalog.films(votes.keySet(), false), meanRating()).flatMap(both -> {
            List<BulkOperation> operations = new ArrayList<>();
            for (CatalogFilm film : both.getT1()) {
                Votes filmVotes = votes.get(UUID.fromString(film.id()));
                Map<String, Object> fields = new HashMap<>();
                fields.put("likes", filmVotes.likes());
                fields.put("dislikes", filmVotes.dislikes());
                fields.put("popularity", RankingScore.of(film.imdbRating(), both.getT2(), filmVotes.likes(), filmVotes.dislikes(),
                        settings.ranking()));
                operations.add(BulkOperation.of(operation -> operation.update(update -> update.index(catalog.index()).id(film.id())
                        .action(action -> action.doc(fields)))));
            }
            if (operations.isEmpty()) {
                return Mono.just(0);
            }
            // Films not in the catalog (votes for a film since removed) have no document to update: skipped.
            // A film whose update Elasticsearch refused is marked changed again, for the next pass.
            return Mono.fromFuture(() -> elasticsearch.bulk(bulk -> bulk.operations(operations)), true)
                    .timeout(TIMEOUT)
                    .flatMap(response -> {
                        List<BulkResponseItem> failed = response.items().stream().filter(item -> item.error() != null).toList();
                        if (failed.isEmpty()) {
                            return Mono.just(response.items().size());
                        }
                        refused.increment(failed.size());
                        log.warn("popularity: Elasticsearch refused {} of {} films ({}); written again at the next pass", failed.size(),
                                response.items().size(), failed.getFirst().error().type());
                        Set<UUID> films = failed.stream().map(item -> UUID.fromString(item.id())).collect(Collectors.toSet());
                        return markChanged(films).thenReturn(response.items().size() - failed.size());
                    });
        });
    }

    private Mono<Double> meanRating() {
        return Mono.fromFuture(() -> elasticsearch.search(search -> search.index(catalog.index()).size(0)
                        .aggregations("mean", aggregation -> aggregation.avg(avg -> avg.field("imdb_rating"))), Void.class), true)
                .timeout(TIMEOUT)
                .map(response -> {
                    Double mean = response.aggregations().get("mean").avg().value();
                    return mean == null || mean.isNaN() ? 5.0 : mean;
                });
    }
}
