package dev.cinema.etl.elastic;

import dev.cinema.etl.elastic.Documents.Named;
import dev.cinema.etl.elastic.Documents.PersonFilm;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The reads of the Elasticsearch stage: what changed after a cursor, and everything a document needs. */
final class ContentQueries {

    /** A table whose changes the stage follows, with the link table that ties it to films. */
    enum Source {
        GENRES("genre", "genre_film_work", "genre_id"),
        PERSONS("person", "person_film_work", "person_id"),
        FILMS("film_work", null, null);

        final String table;
        final String linkTable;
        final String linkColumn;

        Source(String table, String linkTable, String linkColumn) {
            this.table = table;
            this.linkTable = linkTable;
            this.linkColumn = linkColumn;
        }
    }

    record Changed(UUID id, OffsetDateTime modified) {
        Cursor cursor() {
            return new Cursor(modified, id);
        }
    }

    record Film(UUID id, String title, String description, LocalDate creationDate, Double rating, String type) {
    }

    record Credit(UUID filmId, String role, UUID personId, String name) {
    }

    private final JdbcTemplate jdbc;

    ContentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Changed> changedAfter(Source source, Cursor cursor, int limit) {
        return jdbc.query("SELECT id, modified FROM " + source.table
                        + " WHERE (modified, id) > (?, ?) ORDER BY modified, id LIMIT ?",
                (row, n) -> new Changed(row.getObject(1, UUID.class), row.getObject(2, OffsetDateTime.class)),
                cursor.modified(), cursor.id(), limit);
    }

    long countChangedAfter(Source source, Cursor cursor) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + source.table + " WHERE (modified, id) > (?, ?)",
                Long.class, cursor.modified(), cursor.id());
        return count == null ? 0 : count;
    }

    /**
     * The films linked to these genres or persons that the films stream has already indexed; the
     * others it will index itself, with the new names.
     */
    List<UUID> indexedFilmsOf(Source source, Collection<UUID> ids, Cursor films) {
        if (films.equals(Cursor.START)) {
            return List.of();
        }
        return jdbc.query(connection -> {
            var query = connection.prepareStatement("SELECT DISTINCT l.film_work_id FROM " + source.linkTable
                    + " l JOIN film_work f ON f.id = l.film_work_id WHERE l." + source.linkColumn
                    + " = ANY(?) AND (f.modified, f.id) <= (?, ?)");
            query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            query.setObject(2, films.modified());
            query.setObject(3, films.id());
            return query;
        }, (row, n) -> row.getObject(1, UUID.class));
    }

    List<Film> films(Collection<UUID> ids) {
        return jdbc.query(connection -> withIds(connection.prepareStatement(
                        "SELECT id, title, description, creation_date, rating, type FROM film_work WHERE id = ANY(?)"), ids),
                (row, n) -> new Film(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                        row.getObject(4, LocalDate.class), (Double) row.getObject(5), row.getString(6)));
    }

    /** Each film's genres, by name. */
    Map<UUID, List<Named>> genresOfFilms(Collection<UUID> filmIds) {
        Map<UUID, List<Named>> genres = new LinkedHashMap<>();
        jdbc.query(connection -> withIds(connection.prepareStatement("""
                SELECT l.film_work_id, g.id, g.name FROM genre_film_work l JOIN genre g ON g.id = l.genre_id
                WHERE l.film_work_id = ANY(?) ORDER BY g.name
                """), filmIds), (ResultSet row) -> {
            genres.computeIfAbsent(row.getObject(1, UUID.class), film -> new ArrayList<>())
                    .add(new Named(row.getString(2), row.getString(3)));
        });
        return genres;
    }

    /** Each film's credits, ordered by name. */
    Map<UUID, List<Credit>> creditsOfFilms(Collection<UUID> filmIds) {
        Map<UUID, List<Credit>> credits = new LinkedHashMap<>();
        jdbc.query(connection -> withIds(connection.prepareStatement("""
                SELECT l.film_work_id, l.role, p.id, p.full_name FROM person_film_work l JOIN person p ON p.id = l.person_id
                WHERE l.film_work_id = ANY(?) ORDER BY p.full_name
                """), filmIds), (ResultSet row) -> {
            UUID film = row.getObject(1, UUID.class);
            credits.computeIfAbsent(film, f -> new ArrayList<>())
                    .add(new Credit(film, row.getString(2), row.getObject(3, UUID.class), row.getString(4)));
        });
        return credits;
    }

    List<Documents.Genre> genres(Collection<UUID> ids) {
        return jdbc.query(connection -> withIds(connection.prepareStatement(
                        "SELECT id, name, description FROM genre WHERE id = ANY(?)"), ids),
                (row, n) -> new Documents.Genre(row.getString(1), row.getString(2), row.getString(3)));
    }

    /** Persons with the films they took part in and their roles in each. */
    List<Documents.Person> persons(Collection<UUID> ids) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> roles = new LinkedHashMap<>();
        jdbc.query(connection -> withIds(connection.prepareStatement("""
                SELECT p.id, p.full_name, l.film_work_id, l.role FROM person p
                LEFT JOIN person_film_work l ON l.person_id = p.id
                WHERE p.id = ANY(?) ORDER BY p.id, l.film_work_id, l.role
                """), ids), (ResultSet row) -> {
            String person = row.getString(1);
            names.put(person, row.getString(2));
            Map<String, List<String>> films = roles.computeIfAbsent(person, p -> new LinkedHashMap<>());
            String film = row.getString(3);
            if (film != null) {
                films.computeIfAbsent(film, f -> new ArrayList<>()).add(row.getString(4));
            }
        });
        return names.entrySet().stream().map(person -> new Documents.Person(person.getKey(), person.getValue(),
                roles.get(person.getKey()).entrySet().stream()
                        .map(film -> new PersonFilm(film.getKey(), film.getValue())).toList())).toList();
    }

    private static PreparedStatement withIds(PreparedStatement query, Collection<UUID> ids) throws SQLException {
        Array array = query.getConnection().createArrayOf("uuid", ids.toArray());
        query.setArray(1, array);
        return query;
    }
}
