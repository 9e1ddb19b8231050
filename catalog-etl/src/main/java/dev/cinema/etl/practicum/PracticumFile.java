package dev.cinema.etl.practicum;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Writes a new SQLite file in the Practicum schema, in one transaction. Used to build the demo
 * catalog and the synthetic benchmark catalogs, and by tests for their fixtures.
 */
public final class PracticumFile implements AutoCloseable {

    public static final String TIMESTAMP = "2026-01-01 00:00:00.000000+00";

    private final Connection sqlite;
    private final PreparedStatement genre;
    private final PreparedStatement person;
    private final PreparedStatement film;
    private final PreparedStatement genreLink;
    private final PreparedStatement personLink;
    private int pending;

    private PracticumFile(Connection sqlite) throws SQLException {
        this.sqlite = sqlite;
        genre = sqlite.prepareStatement("INSERT INTO genre VALUES (?, ?, ?, ?, ?)");
        person = sqlite.prepareStatement("INSERT INTO person VALUES (?, ?, NULL, ?, ?)");
        film = sqlite.prepareStatement("INSERT INTO film_work VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)");
        genreLink = sqlite.prepareStatement("INSERT INTO genre_film_work VALUES (?, ?, ?, ?)");
        personLink = sqlite.prepareStatement("INSERT INTO person_film_work VALUES (?, ?, ?, ?, ?)");
    }

    /** Creates the file (replacing one that exists) with the Practicum tables. */
    public static PracticumFile create(Path file) throws SQLException {
        try {
            Files.deleteIfExists(file);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = sqlite.createStatement()) {
            statement.execute("PRAGMA journal_mode = OFF");
            statement.execute("PRAGMA synchronous = OFF");
            for (String ddl : schema().split(";")) {
                if (!ddl.isBlank()) {
                    statement.execute(ddl);
                }
            }
        }
        sqlite.setAutoCommit(false);
        return new PracticumFile(sqlite);
    }

    /** Runs any SQL on the file, for fixtures that need rows these methods would not write. */
    public void execute(String sql) throws SQLException {
        flush();
        try (Statement statement = sqlite.createStatement()) {
            statement.execute(sql);
        }
    }

    public void genre(UUID id, String name, String description) throws SQLException {
        genre.setString(1, id.toString());
        genre.setString(2, name);
        genre.setString(3, description);
        genre.setString(4, TIMESTAMP);
        genre.setString(5, TIMESTAMP);
        add(genre);
    }

    public void person(UUID id, String fullName) throws SQLException {
        person.setString(1, id.toString());
        person.setString(2, fullName);
        person.setString(3, TIMESTAMP);
        person.setString(4, TIMESTAMP);
        add(person);
    }

    public void film(UUID id, String title, String description, String creationDate, Double rating) throws SQLException {
        film.setString(1, id.toString());
        film.setString(2, title);
        film.setString(3, description);
        film.setString(4, creationDate);
        film.setObject(5, rating);
        film.setString(6, "movie");
        film.setString(7, TIMESTAMP);
        film.setString(8, TIMESTAMP);
        add(film);
    }

    public void genreLink(UUID filmId, UUID genreId) throws SQLException {
        genreLink.setString(1, nameUuid("genre_film_work", filmId, genreId).toString());
        genreLink.setString(2, filmId.toString());
        genreLink.setString(3, genreId.toString());
        genreLink.setString(4, TIMESTAMP);
        add(genreLink);
    }

    public void personLink(UUID filmId, UUID personId, String role) throws SQLException {
        personLink.setString(1, nameUuid("person_film_work", filmId, personId, role).toString());
        personLink.setString(2, filmId.toString());
        personLink.setString(3, personId.toString());
        personLink.setString(4, role);
        personLink.setString(5, TIMESTAMP);
        add(personLink);
    }

    /** The same name always gives the same id, so a catalog built twice is the same catalog. */
    public static UUID nameUuid(Object... parts) {
        StringBuilder name = new StringBuilder();
        for (Object part : parts) {
            name.append(part).append('\u001f');
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void add(PreparedStatement statement) throws SQLException {
        statement.addBatch();
        if (++pending % 10_000 == 0) {
            flush();
        }
    }

    private void flush() throws SQLException {
        for (PreparedStatement statement : new PreparedStatement[] {genre, person, film, genreLink, personLink}) {
            statement.executeBatch();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
            sqlite.commit();
        } finally {
            sqlite.close();
        }
    }

    private static String schema() {
        try (InputStream stream = PracticumFile.class.getResourceAsStream("/practicum/schema.sql")) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
