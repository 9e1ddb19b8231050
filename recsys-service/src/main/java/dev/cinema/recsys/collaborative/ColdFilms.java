package dev.cinema.recsys.collaborative;

import dev.cinema.recsys.catalog.Catalog;
import dev.cinema.recsys.catalog.CatalogFilm;
import dev.cinema.recsys.catalog.Embeddings;
import dev.cinema.recsys.model.FilmFactors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The catalog's films the serving model does not know (nobody had liked or disliked them when it
 * was trained), with their embeddings, held in memory: the only films a viewer with a model is
 * recommended by content, so the refresh finds the nearest of them itself, exactly, instead of
 * asking Elasticsearch once per viewer. Read again at the first search after another model serves,
 * and after {@link #READ_EVERY} (a film indexed meanwhile is not among them until then).
 */
@Component
public class ColdFilms {

    /** Short beside the refresh interval (1 h): a new film is a candidate for the next refresh minutes after it is indexed. */
    static final Duration READ_EVERY = Duration.ofMinutes(5);
    private static final int MGET = 1_000;

    /** The cold films; vectors of unit length. */
    private record Read(List<UUID> films, List<float[]> vectors) {
    }

    /**
     * The read for one model, kept {@code readEvery}; a read that failed is not kept, and the last
     * good one for that model stands in for it (Elasticsearch down a while must not fail every refresh).
     */
    private record Reading(long modelVersion, Mono<Read> read, AtomicReference<Read> lastGood) {
    }

    /** A cold film and the cosine of its embedding with the vector asked about. */
    public record Near(UUID film, double cosine) {
    }

    private final Catalog catalog;
    private final ServingModel serving;
    private final Duration readEvery;
    private Reading reading;

    @Autowired
    ColdFilms(Catalog catalog, ServingModel serving) {
        this(catalog, serving, READ_EVERY);
    }

    /** (A test's: reads again sooner than {@link #READ_EVERY}.) */
    ColdFilms(Catalog catalog, ServingModel serving, Duration readEvery) {
        this.catalog = catalog;
        this.serving = serving;
        this.readEvery = readEvery;
    }

    /** The {@code k} cold films nearest to {@code vector} (cosine), none of {@code excluded}; none without a model. */
    public Mono<List<Near>> nearest(float[] vector, Set<UUID> excluded, int k) {
        if (k <= 0) {
            return Mono.just(List.of());
        }
        // (the scan is CPU work: off the threads that deliver the catalog's and the database's answers)
        return current().publishOn(Schedulers.parallel()).map(cold -> nearest(cold, Embeddings.unit(vector), excluded, k)).defaultIfEmpty(List.of());
    }

    /** The viewers asking while a read runs share it. */
    private synchronized Mono<Read> current() {
        Optional<ServingModel.Loaded> model = serving.current();
        if (model.isEmpty()) {
            return Mono.empty();
        }
        if (reading == null || reading.modelVersion() != model.get().version()) {
            AtomicReference<Read> lastGood = new AtomicReference<>();
            reading = new Reading(model.get().version(), read(model.get().factors())
                    .doOnNext(lastGood::set)
                    .cache(read -> readEvery, failure -> Duration.ZERO, () -> Duration.ZERO), lastGood);
        }
        Reading current = reading;
        return current.read().onErrorResume(failure -> Mono.justOrEmpty(current.lastGood().get()).switchIfEmpty(Mono.error(failure)));
    }

    private Mono<Read> read(FilmFactors model) {
        return catalog.ids().filter(film -> !model.knows(film))
                .buffer(MGET)
                .concatMap(films -> catalog.films(films, true))
                .flatMapIterable(films -> films)
                .filter(film -> film.embedding() != null)
                .collectList()
                .map(films -> new Read(films.stream().map(film -> UUID.fromString(film.id())).toList(),
                        films.stream().map(CatalogFilm::embedding).map(Embeddings::unit).toList()));
    }

    private static List<Near> nearest(Read cold, float[] query, Set<UUID> excluded, int k) {
        PriorityQueue<Near> best = new PriorityQueue<>(Comparator.comparingDouble(Near::cosine));
        for (int i = 0; i < cold.films().size(); i++) {
            UUID film = cold.films().get(i);
            if (excluded.contains(film)) {
                continue;
            }
            double cosine = Embeddings.dot(query, cold.vectors().get(i));
            if (best.size() < k) {
                best.add(new Near(film, cosine));
            } else if (cosine > best.peek().cosine()) {
                best.poll();
                best.add(new Near(film, cosine));
            }
        }
        List<Near> nearest = new ArrayList<>(best);
        nearest.sort(Comparator.comparingDouble(Near::cosine).reversed().thenComparing(Near::film));
        return nearest;
    }
}
