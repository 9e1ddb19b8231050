package dev.cinema.etl.sqlite;

import dev.cinema.etl.EtlProperties;
import dev.cinema.etl.report.Progress;
import dev.cinema.etl.report.StageReport;
import dev.cinema.etl.report.TableReport;
import dev.cinema.etl.sqlite.PracticumReader.RowHandler;
import dev.cinema.etl.sqlite.PracticumRows.BadRow;
import dev.cinema.etl.sqlite.PracticumRows.Film;
import dev.cinema.etl.sqlite.PracticumRows.Genre;
import dev.cinema.etl.sqlite.PracticumRows.GenreLink;
import dev.cinema.etl.sqlite.PracticumRows.Person;
import dev.cinema.etl.sqlite.PracticumRows.PersonLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.cinema.etl.sqlite.PracticumRows.date;
import static dev.cinema.etl.sqlite.PracticumRows.optional;
import static dev.cinema.etl.sqlite.PracticumRows.rating;
import static dev.cinema.etl.sqlite.PracticumRows.required;
import static dev.cinema.etl.sqlite.PracticumRows.role;
import static dev.cinema.etl.sqlite.PracticumRows.timestamp;
import static dev.cinema.etl.sqlite.PracticumRows.uuid;

/**
 * Stage 1: a Practicum-schema SQLite file into the PostgreSQL {@code content} schema. Entities
 * first, then the links, so that a link to a film, genre or person that exists in neither the
 * file nor PostgreSQL is caught and skipped instead of failing its batch.
 */
@Component
public class SqliteToPostgres {

    private static final Logger log = LoggerFactory.getLogger(SqliteToPostgres.class);

    private static final int ANALYZE_AFTER_ROWS = 10_000;

    private final DataSource dataSource;
    private final EtlProperties properties;

    SqliteToPostgres(DataSource dataSource, EtlProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    public StageReport run(Path file) {
        StageReport report = new StageReport("sqlite-to-postgres");
        try (PracticumReader reader = PracticumReader.open(file)) {
            long total = 0;
            for (String table : PracticumReader.TABLES) {
                total += reader.count(table);
            }
            OffsetDateTime loadStarted = new JdbcTemplate(dataSource).queryForObject("SELECT now()", OffsetDateTime.class);
            ContentWriter writer = new ContentWriter(dataSource, loadStarted);
            Progress progress = Progress.start("sqlite → postgres", total, properties.progressEvery());
            log.info("Loading {} ({} rows) into PostgreSQL", file, total);
            load(reader, writer, report, progress);
            progress.finish();
            if (report.moved() > ANALYZE_AFTER_ROWS) {
                // Fresh statistics, or the Elasticsearch stage's joins are planned for empty tables.
                new JdbcTemplate(dataSource).execute("ANALYZE genre, person, film_work, genre_film_work, person_film_work");
            }
            report.finished();
        } catch (SQLException e) {
            report.aborted("SQLite: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            report.aborted(e.getMessage());
        }
        return report;
    }

    private void load(PracticumReader reader, ContentWriter writer, StageReport report, Progress progress)
            throws SQLException {
        try (ExecutorService writers = Executors.newFixedThreadPool(properties.writers(),
                Thread.ofPlatform().name("postgres-writer-", 0).daemon().factory())) {
            load(reader, writer, report, new BatchesFactory(writers, progress));
        }
    }

    /** Batches of one table, written on the shared writer threads with a few in flight per writer. */
    private final class BatchesFactory {
        private final ExecutorService writers;
        private final Progress progress;

        BatchesFactory(ExecutorService writers, Progress progress) {
            this.writers = writers;
            this.progress = progress;
        }

        <T> Batches<T> of(TableReport table, BiFunction<List<T>, TableReport, List<T>> write, Consumer<List<T>> written) {
            return new Batches<>(properties.batchSize(), writers, properties.writers() * 2, table, progress,
                    rows -> write.apply(rows, table), written);
        }
    }

    private void load(PracticumReader reader, ContentWriter writer, StageReport report, BatchesFactory batches)
            throws SQLException {
        KnownIds genres = new KnownIds(dataSource, "genre");
        KnownIds persons = new KnownIds(dataSource, "person");
        KnownIds films = new KnownIds(dataSource, "film_work");

        reader.read("SELECT id, name, description, created_at FROM genre",
                row -> new Genre(uuid("id", row.getString(1)), required("name", row.getObject(2)),
                        optional(row.getObject(3)), timestamp("created_at", row.getObject(4))),
                batches.of(report.table("genre"), writer::genres, written -> written.forEach(g -> genres.add(g.id()))));

        reader.read("SELECT id, full_name, birth_date, created_at FROM person",
                row -> new Person(uuid("id", row.getString(1)), required("full_name", row.getObject(2)),
                        date("birth_date", row.getObject(3)), timestamp("created_at", row.getObject(4))),
                batches.of(report.table("person"), writer::persons, written -> written.forEach(p -> persons.add(p.id()))));

        reader.read("SELECT id, title, description, creation_date, rating, type, created_at FROM film_work",
                row -> new Film(uuid("id", row.getString(1)), required("title", row.getObject(2)),
                        optional(row.getObject(3)), date("creation_date", row.getObject(4)),
                        rating("rating", row.getObject(5)), filmType(row.getObject(6)),
                        timestamp("created_at", row.getObject(7))),
                batches.of(report.table("film_work"), writer::films, written -> written.forEach(f -> films.add(f.id()))));

        TableReport genreLinks = report.table("genre_film_work");
        reader.read("SELECT id, film_work_id, genre_id, created_at FROM genre_film_work",
                row -> new GenreLink(uuid("id", row.getString(1)), uuid("film_work_id", row.getString(2)),
                        uuid("genre_id", row.getString(3)), timestamp("created_at", row.getObject(4))),
                batches.of(genreLinks, (batch, table) -> writer.genreLinks(
                        withoutDangling(batch, table, GenreLink::id, films, GenreLink::filmId, "film_work_id", genres, GenreLink::genreId, "genre_id"),
                        table), written -> { }));

        TableReport personLinks = report.table("person_film_work");
        reader.read("SELECT id, film_work_id, person_id, role, created_at FROM person_film_work",
                row -> new PersonLink(uuid("id", row.getString(1)), uuid("film_work_id", row.getString(2)),
                        uuid("person_id", row.getString(3)), role("role", row.getObject(4)),
                        timestamp("created_at", row.getObject(5))),
                batches.of(personLinks, (batch, table) -> writer.personLinks(
                        withoutDangling(batch, table, PersonLink::id, films, PersonLink::filmId, "film_work_id", persons, PersonLink::personId, "person_id"),
                        table), written -> { }));
    }

    private static String filmType(Object value) throws BadRow {
        String type = optional(value);
        return type == null ? "movie" : type;
    }

    private static <T> List<T> withoutDangling(List<T> links, TableReport table, Function<T, UUID> id,
                                               KnownIds films, Function<T, UUID> film, String filmColumn,
                                               KnownIds others, Function<T, UUID> other, String otherColumn) {
        Set<UUID> filmIds = new HashSet<>();
        Set<UUID> otherIds = new HashSet<>();
        links.forEach(link -> {
            filmIds.add(film.apply(link));
            otherIds.add(other.apply(link));
        });
        Set<UUID> unknownFilms = films.unknown(filmIds);
        Set<UUID> unknownOthers = others.unknown(otherIds);
        if (unknownFilms.isEmpty() && unknownOthers.isEmpty()) {
            return links;
        }
        List<T> kept = new ArrayList<>(links.size());
        for (T link : links) {
            if (unknownFilms.contains(film.apply(link))) {
                table.skipped("id " + id.apply(link) + ": " + filmColumn + " " + film.apply(link) + " refers to no film");
            } else if (unknownOthers.contains(other.apply(link))) {
                table.skipped("id " + id.apply(link) + ": " + otherColumn + " " + other.apply(link) + " refers to nothing");
            } else {
                kept.add(link);
            }
        }
        return kept;
    }
}
