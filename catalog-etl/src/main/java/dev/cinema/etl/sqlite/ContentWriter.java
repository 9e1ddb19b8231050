package dev.cinema.etl.sqlite;

import dev.cinema.etl.report.TableReport;
import dev.cinema.etl.sqlite.PracticumRows.Film;
import dev.cinema.etl.sqlite.PracticumRows.Genre;
import dev.cinema.etl.sqlite.PracticumRows.GenreLink;
import dev.cinema.etl.sqlite.PracticumRows.Person;
import dev.cinema.etl.sqlite.PracticumRows.PersonLink;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Upserts batches into the PostgreSQL {@code content} schema, one statement per batch: every column
 * travels as one text array and {@code unnest} turns the arrays back into rows. A row whose values
 * are all the same as the stored ones is left alone, so loading the same file twice changes nothing.
 * New links mark their film (and person) modified, because the film's indexed document changes.
 */
final class ContentWriter {

    private static final String UPSERT_GENRES = """
            INSERT INTO genre AS g (id, name, description, created)
            SELECT u.id::uuid, u.name, u.description, coalesce(u.created::timestamptz, now())
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, name, description, created)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, modified = now()
            WHERE (g.name, g.description) IS DISTINCT FROM (excluded.name, excluded.description)
            RETURNING xmax = 0
            """;

    private static final String UPSERT_PERSONS = """
            INSERT INTO person AS p (id, full_name, birth_date, created)
            SELECT u.id::uuid, u.full_name, u.birth_date::date, coalesce(u.created::timestamptz, now())
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, full_name, birth_date, created)
            ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, birth_date = excluded.birth_date, modified = now()
            WHERE (p.full_name, p.birth_date) IS DISTINCT FROM (excluded.full_name, excluded.birth_date)
            RETURNING xmax = 0
            """;

    private static final String UPSERT_FILMS = """
            INSERT INTO film_work AS f (id, title, description, creation_date, rating, type, created)
            SELECT u.id::uuid, u.title, u.description, u.creation_date::date, u.rating::float8, u.type,
                   coalesce(u.created::timestamptz, now())
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 AS u(id, title, description, creation_date, rating, type, created)
            ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,
                creation_date = excluded.creation_date, rating = excluded.rating, type = excluded.type, modified = now()
            WHERE (f.title, f.description, f.creation_date, f.rating, f.type)
                IS DISTINCT FROM (excluded.title, excluded.description, excluded.creation_date, excluded.rating, excluded.type)
            RETURNING xmax = 0
            """;

    // The last parameter is when this load started: rows modified since then are already marked.
    private static final String INSERT_GENRE_LINKS = """
            WITH inserted AS (
                INSERT INTO genre_film_work (id, film_work_id, genre_id, created)
                SELECT u.id::uuid, u.film::uuid, u.genre::uuid, coalesce(u.created::timestamptz, now())
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, film, genre, created)
                ON CONFLICT DO NOTHING
                RETURNING film_work_id),
            touched_films AS (
                UPDATE film_work SET modified = now()
                WHERE id IN (SELECT film_work_id FROM inserted) AND modified < ?::timestamptz)
            SELECT true FROM inserted
            """;

    private static final String INSERT_PERSON_LINKS = """
            WITH inserted AS (
                INSERT INTO person_film_work (id, film_work_id, person_id, role, created)
                SELECT u.id::uuid, u.film::uuid, u.person::uuid, u.role, coalesce(u.created::timestamptz, now())
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, film, person, role, created)
                ON CONFLICT DO NOTHING
                RETURNING film_work_id, person_id),
            touched_films AS (
                UPDATE film_work SET modified = now()
                WHERE id IN (SELECT film_work_id FROM inserted) AND modified < ?::timestamptz),
            touched_persons AS (
                UPDATE person SET modified = now()
                WHERE id IN (SELECT person_id FROM inserted) AND modified < ?::timestamptz)
            SELECT true FROM inserted
            """;

    private final DataSource dataSource;
    private final OffsetDateTime loadStarted;

    ContentWriter(DataSource dataSource, OffsetDateTime loadStarted) {
        this.dataSource = dataSource;
        this.loadStarted = loadStarted;
    }

    /** Upserts the rows and returns the ones PostgreSQL accepted. */
    List<Genre> genres(List<Genre> rows, TableReport report) {
        return write(new Statement<>(UPSERT_GENRES, 0,
                List.of(Genre::id, Genre::name, Genre::description, Genre::created)), rows, Genre::id, report);
    }

    List<Person> persons(List<Person> rows, TableReport report) {
        return write(new Statement<>(UPSERT_PERSONS, 0,
                List.of(Person::id, Person::fullName, Person::birthDate, Person::created)), rows, Person::id, report);
    }

    List<Film> films(List<Film> rows, TableReport report) {
        return write(new Statement<>(UPSERT_FILMS, 0,
                List.of(Film::id, Film::title, Film::description, Film::creationDate, Film::rating, Film::type, Film::created)),
                rows, Film::id, report);
    }

    List<GenreLink> genreLinks(List<GenreLink> rows, TableReport report) {
        return write(new Statement<>(INSERT_GENRE_LINKS, 1,
                List.of(GenreLink::id, GenreLink::filmId, GenreLink::genreId, GenreLink::created)), rows, GenreLink::id, report);
    }

    List<PersonLink> personLinks(List<PersonLink> rows, TableReport report) {
        return write(new Statement<>(INSERT_PERSON_LINKS, 2,
                List.of(PersonLink::id, PersonLink::filmId, PersonLink::personId, PersonLink::role, PersonLink::created)),
                rows, PersonLink::id, report);
    }

    /**
     * A statement whose parameters are one text array per column, then {@code loadStartedParameters}
     * times the moment this load started. It returns one boolean per row written: true when created.
     */
    private record Statement<T>(String sql, int loadStartedParameters, List<Function<T, Object>> columns) {
    }

    /**
     * One statement for the whole batch; when PostgreSQL refuses it, each row alone, so one bad
     * row costs only itself.
     */
    private <T> List<T> write(Statement<T> statement, List<T> rows, Function<T, Object> id, TableReport report) {
        if (rows.isEmpty()) {
            return rows;
        }
        try (Connection connection = dataSource.getConnection()) {
            try {
                execute(connection, statement, rows, report);
                return rows;
            } catch (SQLException batchRefused) {
                return rows.stream().filter(row -> {
                    try {
                        execute(connection, statement, List.of(row), report);
                        return true;
                    } catch (SQLException refused) {
                        report.failed("id " + id.apply(row) + ": " + refused.getMessage().lines().findFirst().orElse(""));
                        return false;
                    }
                }).toList();
            }
        } catch (SQLException noConnection) {
            throw new IllegalStateException("PostgreSQL: " + noConnection.getMessage(), noConnection);
        }
    }

    private <T> void execute(Connection connection, Statement<T> statement, List<T> rows, TableReport report)
            throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            int parameter = 1;
            for (Function<T, Object> column : statement.columns()) {
                String[] values = new String[rows.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Objects.toString(column.apply(rows.get(i)), null);
                }
                Array array = connection.createArrayOf("text", values);
                prepared.setArray(parameter++, array);
            }
            for (int i = 0; i < statement.loadStartedParameters(); i++) {
                prepared.setString(parameter++, loadStarted.toString());
            }
            int created = 0;
            int changed = 0;
            try (ResultSet result = prepared.executeQuery()) {
                while (result.next()) {
                    if (result.getBoolean(1)) {
                        created++;
                    } else {
                        changed++;
                    }
                }
            }
            report.created(created);
            report.changed(changed);
            report.unchanged(rows.size() - created - changed);
        }
    }
}
