package dev.cinema.recsys.collaborative;

import dev.cinema.recsys.model.FilmFactors;
import dev.cinema.lifecycle.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every {@code reload}, asks which model is serving and, when it is another than the one in
 * memory, reads its factors and swaps them in whole. A model that cannot be read or fails its
 * checks (a row of the wrong length, a factor that is not a number) is not loaded: the one in
 * memory stays, {@code recsys.model.load.failures} counts it, and the next pass tries again.
 */
@Component
@EnableConfigurationProperties(ModelSettings.class)
public class ModelLoader extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

    private final DatabaseClient db;
    private final ServingModel serving;
    private final ModelSettings settings;
    private final Counter failures;

    ModelLoader(DatabaseClient db, ServingModel serving, ModelSettings settings, MeterRegistry meters) {
        this.db = db;
        this.serving = serving;
        this.settings = settings;
        this.failures = Counter.builder("recsys.model.load.failures").description("serving models that could not be loaded").register(meters);
        Gauge.builder("recsys.model.version", serving, model -> model.current().map(ServingModel.Loaded::version).orElse(0L))
                .description("the version of the model in memory (0: none)").register(meters);
        Gauge.builder("recsys.model.age", serving, model -> model.current()
                        .map(loaded -> (double) Duration.between(loaded.trainedAt(), Instant.now()).toSeconds()).orElse(Double.NaN))
                .baseUnit("seconds").description("how long ago the model in memory was trained").register(meters);
    }

    @Override
    protected Disposable run() {
        return Flux.interval(Duration.ZERO, settings.reload())
                .onBackpressureDrop()
                .concatMap(tick -> reload().onErrorResume(failure -> {
                    failures.increment();
                    log.warn("the serving model could not be loaded (the one in memory stays; tried again in {}): {}", settings.reload(),
                            failure.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    /** One pass: loads the serving model when it is not the one in memory; emits the model now served, if any. */
    public Mono<ServingModel.Loaded> reload() {
        long inMemory = serving.current().map(ServingModel.Loaded::version).orElse(-1L);
        return db.sql("SELECT version, trained_at, rank, regularization, alpha, films, validation_ndcg FROM model WHERE state = 'serving'")
                .map(Header::of)
                .one()
                .flatMap(header -> header.version() == inMemory ? Mono.justOrEmpty(serving.current()) : load(header));
    }

    private Mono<ServingModel.Loaded> load(Header header) {
        return db.sql("SELECT film_id, factors FROM model_film_factor WHERE version = :version")
                .bind("version", header.version())
                .map(row -> new Row(row.get("film_id", UUID.class), row.get("factors", Float[].class)))
                .all()
                .collectList()
                .map(rows -> {
                    // a swap between the two reads can have removed this version: a model is served whole or not at all
                    if (rows.size() != header.films()) {
                        throw new IllegalStateException("model %d has %d films' factors, not %d".formatted(header.version(), rows.size(),
                                header.films()));
                    }
                    List<UUID> films = new ArrayList<>(rows.size());
                    List<float[]> factors = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        films.add(row.film());
                        factors.add(row.floats());
                    }
                    FilmFactors model = FilmFactors.of(header.rank(), header.regularization(), header.alpha(), films, factors);
                    ServingModel.Loaded loaded = new ServingModel.Loaded(header.version(), header.trainedAt(), model, header.validationNdcg());
                    serving.serve(loaded);
                    log.info("serving model {} ({} films, rank {}, trained {}, validation NDCG@10 {})", header.version(), model.films(),
                            model.rank(), header.trainedAt(), header.validationNdcg());
                    return loaded;
                });
    }

    private record Header(long version, Instant trainedAt, int rank, double regularization, double alpha, int films, double validationNdcg) {
        static Header of(Readable row) {
            return new Header(row.get("version", Long.class), row.get("trained_at", OffsetDateTime.class).toInstant(),
                    row.get("rank", Integer.class), row.get("regularization", Double.class), row.get("alpha", Double.class),
                    row.get("films", Integer.class), row.get("validation_ndcg", Double.class));
        }
    }

    private record Row(UUID film, Float[] factors) {
        float[] floats() {
            float[] floats = new float[factors.length];
            for (int i = 0; i < floats.length; i++) {
                if (factors[i] == null) {
                    throw new IllegalArgumentException("film " + film + " has a missing factor");
                }
                floats[i] = factors[i];
            }
            return floats;
        }
    }
}
