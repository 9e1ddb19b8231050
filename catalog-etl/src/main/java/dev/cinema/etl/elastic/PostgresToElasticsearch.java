package dev.cinema.etl.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import dev.cinema.etl.EtlProperties;
import dev.cinema.etl.elastic.ContentQueries.Changed;
import dev.cinema.etl.elastic.ContentQueries.Credit;
import dev.cinema.etl.elastic.ContentQueries.Film;
import dev.cinema.etl.elastic.ContentQueries.Source;
import dev.cinema.etl.elastic.Documents.Named;
import dev.cinema.etl.elastic.Retrying.ElasticsearchUnavailable;
import dev.cinema.etl.embedding.FilmEmbeddings;
import dev.cinema.etl.embedding.FilmEmbeddings.FilmText;
import dev.cinema.etl.report.Progress;
import dev.cinema.etl.report.StageReport;
import dev.cinema.etl.report.TableReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Stage 2: what changed in PostgreSQL since the last run into the {@code movies}, {@code genres}
 * and {@code persons} indices. Genres, then persons, then films, each followed by a (modified, id)
 * cursor saved after every batch Elasticsearch took, so a killed run resumes at its last batch.
 * A renamed genre or person also re-indexes the films already indexed with the old name.
 */
@Component
public class PostgresToElasticsearch {

    private static final Logger log = LoggerFactory.getLogger(PostgresToElasticsearch.class);
    // Two bulk requests keep both of a small node's cores indexing while the next batch is read.
    private static final int MAX_BATCHES_IN_FLIGHT = 2;

    private final ElasticsearchClient client;
    private final Rest5Client rest;
    private final DataSource dataSource;
    private final ContentQueries queries;
    private final SyncState state;
    private final RefusedDocuments refused;

    PostgresToElasticsearch(ElasticsearchClient client, Rest5Client rest, DataSource dataSource) {
        this.client = client;
        this.rest = rest;
        this.dataSource = dataSource;
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        this.queries = new ContentQueries(jdbc);
        this.state = new SyncState(jdbc);
        this.refused = new RefusedDocuments(jdbc);
    }

    /** Indexes what changed since the last run, or everything when {@code full}. */
    public StageReport run(EtlProperties properties, boolean full) {
        StageReport report = new StageReport("postgres-to-elasticsearch");
        Retrying retrying = new Retrying(properties.elasticsearchRetryFor());
        BulkWriter bulk = new BulkWriter(client, retrying);
        FilmEmbeddings embeddings = properties.embeddings() ? new FilmEmbeddings(dataSource, properties.embeddingThreads()) : null;
        try {
            CatalogIndices indices = new CatalogIndices(rest, retrying);
            // A missing index (a wiped or new Elasticsearch) holds nothing the saved cursors stand for;
            // they are forgotten before it is made, so that a run stopped in between still starts over.
            if (full || indices.anyMissing()) {
                state.forget();
                refused.forget();
            }
            indices.ensureExist();
            try (ExecutorService bulkThreads = Executors.newFixedThreadPool(MAX_BATCHES_IN_FLIGHT,
                    Thread.ofPlatform().name("bulk-", 0).daemon().factory())) {
                new Run(properties, bulk, embeddings, report, bulkThreads).all();
            }
            report.finished();
            if (embeddings != null) {
                TableReport vectors = report.table("embeddings");
                vectors.read(embeddings.computed() + embeddings.reused());
                vectors.created(embeddings.computed());
                vectors.unchanged(embeddings.reused());
                if (embeddings.computed() > 0) {
                    log.info("Embeddings: {} computed at {} texts/s, {} reused", embeddings.computed(),
                            Math.round(embeddings.computeRate()), embeddings.reused());
                }
            }
        } catch (ElasticsearchUnavailable e) {
            report.aborted(e.getMessage());
        } catch (Retrying.ElasticsearchRefused e) {
            report.aborted("Elasticsearch refused " + e.getMessage());
        } catch (DataAccessException e) {
            report.aborted("PostgreSQL: " + e.getMostSpecificCause().getMessage());
        } finally {
            if (embeddings != null) {
                embeddings.close();
            }
        }
        return report;
    }

    /** One pass over the three tables. */
    private final class Run {

        private final EtlProperties properties;
        private final BulkWriter bulk;
        private final FilmEmbeddings embeddings;
        private final TableReport movies;
        private final TableReport genres;
        private final TableReport persons;
        private final Progress progress;
        private final Cursor filmsAtStart;
        private final ExecutorService bulkThreads;
        private final List<CompletableFuture<Void>> sent = new ArrayList<>();

        Run(EtlProperties properties, BulkWriter bulk, FilmEmbeddings embeddings, StageReport report, ExecutorService bulkThreads) {
            this.bulkThreads = bulkThreads;
            this.properties = properties;
            this.bulk = bulk;
            this.embeddings = embeddings;
            this.movies = report.table(CatalogIndices.MOVIES);
            this.genres = report.table(CatalogIndices.GENRES);
            this.persons = report.table(CatalogIndices.PERSONS);
            this.filmsAtStart = state.load(Source.FILMS.name());
            long total = 0;
            for (Source source : Source.values()) {
                total += queries.countChangedAfter(source, state.load(source.name()));
            }
            this.progress = Progress.start("postgres → elasticsearch", total, properties.progressEvery());
        }

        void all() {
            indexRefusedAgain();
            follow(Source.GENRES, properties.batchSize(), changed -> {
                List<UUID> ids = ids(changed);
                indexGenres(ids);
                indexFilms(queries.indexedFilmsOf(Source.GENRES, ids, filmsAtStart));
            });
            follow(Source.PERSONS, properties.batchSize(), changed -> {
                List<UUID> ids = ids(changed);
                indexPersons(ids);
                indexFilms(queries.indexedFilmsOf(Source.PERSONS, ids, filmsAtStart));
            });
            int filmBatch = embeddings == null ? properties.batchSize() : Math.min(properties.batchSize(), properties.embeddingBatchSize());
            follow(Source.FILMS, filmBatch, changed -> indexFilms(ids(changed)));
            progress.finish();
        }

        /**
         * Indexes a table's changes batch by batch. Bulk requests run on the bulk threads while the
         * next batch is read; a batch's cursor is saved once all of its requests, and all of the
         * batches before it, went through.
         */
        private void follow(Source source, int batchSize, BatchIndexer indexer) {
            Cursor cursor = state.load(source.name());
            Deque<Unit> inFlight = new ArrayDeque<>();
            try {
                while (true) {
                    List<Changed> changed = queries.changedAfter(source, cursor, batchSize);
                    if (changed.isEmpty()) {
                        break;
                    }
                    indexer.index(changed);
                    cursor = changed.getLast().cursor();
                    inFlight.addLast(new Unit(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)), cursor, changed.size()));
                    sent.clear();
                    while (inFlight.size() > MAX_BATCHES_IN_FLIGHT) {
                        complete(source, inFlight.removeFirst());
                    }
                }
                while (!inFlight.isEmpty()) {
                    complete(source, inFlight.removeFirst());
                }
            } finally {
                inFlight.forEach(unit -> unit.done().cancel(false));
            }
        }

        private void complete(Source source, Unit unit) {
            try {
                unit.done().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            state.save(source.name(), unit.cursor());
            progress.advance(unit.rows());
        }

        private <T> void send(String index, List<T> documents, Function<T, String> id, TableReport report) {
            // Kept before the batch's cursor is saved (the cursor waits for this future).
            sent.add(CompletableFuture.runAsync(() -> refused.keep(index, bulk.index(index, documents, id, report)), bulkThreads));
        }

        /** What Elasticsearch refused in earlier runs, indexed again before the changes. */
        private void indexRefusedAgain() {
            OffsetDateTime retried = refused.now();
            List<UUID> genreIds = refused.of(CatalogIndices.GENRES);
            List<UUID> personIds = refused.of(CatalogIndices.PERSONS);
            List<UUID> filmIds = refused.of(CatalogIndices.MOVIES);
            if (genreIds.isEmpty() && personIds.isEmpty() && filmIds.isEmpty()) {
                return;
            }
            if (!genreIds.isEmpty()) {
                indexGenres(genreIds);
            }
            if (!personIds.isEmpty()) {
                indexPersons(personIds);
            }
            indexFilms(filmIds);
            try {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            } finally {
                sent.clear();
            }
            refused.forgetRefusedBefore(retried);
        }

        private void indexGenres(List<UUID> ids) {
            List<Documents.Genre> documents = queries.genres(ids);
            genres.read(documents.size());
            send(CatalogIndices.GENRES, documents, Documents.Genre::id, genres);
        }

        private void indexPersons(List<UUID> ids) {
            List<Documents.Person> documents = queries.persons(ids);
            persons.read(documents.size());
            send(CatalogIndices.PERSONS, documents, Documents.Person::id, persons);
        }

        private void indexFilms(List<UUID> ids) {
            int batchSize = embeddings == null ? properties.batchSize() : properties.embeddingBatchSize();
            for (int from = 0; from < ids.size(); from += batchSize) {
                List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + batchSize));
                List<Documents.Movie> documents = movies(batch);
                movies.read(documents.size());
                send(CatalogIndices.MOVIES, documents, Documents.Movie::id, movies);
            }
        }

        private List<Documents.Movie> movies(List<UUID> ids) {
            List<Film> films = queries.films(ids);
            Map<UUID, List<Named>> genresOf = queries.genresOfFilms(ids);
            Map<UUID, List<Credit>> creditsOf = queries.creditsOfFilms(ids);
            Map<UUID, float[]> vectors = embeddings == null ? Map.of() : vectors(films, genresOf);
            List<Documents.Movie> documents = new ArrayList<>(films.size());
            for (Film film : films) {
                List<Credit> credits = creditsOf.getOrDefault(film.id(), List.of());
                List<Named> directors = named(credits, "director");
                List<Named> actors = named(credits, "actor");
                List<Named> writers = named(credits, "writer");
                documents.add(new Documents.Movie(film.id().toString(), film.title(), film.description(), film.rating(),
                        film.creationDate() == null ? null : film.creationDate().toString(), film.type(),
                        genresOf.getOrDefault(film.id(), List.of()),
                        names(directors), names(actors), names(writers), directors, actors, writers,
                        vectors.get(film.id())));
            }
            return documents;
        }

        private Map<UUID, float[]> vectors(List<Film> films, Map<UUID, List<Named>> genresOf) {
            List<FilmText> texts = films.stream().map(film -> new FilmText(film.id(), FilmEmbeddings.text(film.title(),
                    names(genresOf.getOrDefault(film.id(), List.of())), film.description()))).toList();
            try {
                return embeddings.vectors(texts);
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException(e.getMessage(), e);
            }
        }
    }

    /** The bulk requests of one batch, and the cursor to save once they all went through. */
    private record Unit(CompletableFuture<Void> done, Cursor cursor, int rows) {
    }

    @FunctionalInterface
    private interface BatchIndexer {
        void index(List<Changed> changed);
    }

    private static List<UUID> ids(List<Changed> changed) {
        return changed.stream().map(Changed::id).toList();
    }

    private static List<Named> named(List<Credit> credits, String role) {
        return credits.stream().filter(credit -> credit.role().equals(role))
                .map(credit -> new Named(credit.personId().toString(), credit.name())).toList();
    }

    private static List<String> names(List<Named> named) {
        return named.stream().map(Named::name).toList();
    }
}
