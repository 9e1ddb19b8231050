package dev.cinema.etl.sqlite;

import dev.cinema.etl.sqlite.PracticumRows.BadRow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a Practicum-schema SQLite file, read-only, one table at a time in a single pass. */
final class PracticumReader implements AutoCloseable {

    static final List<String> TABLES = List.of("genre", "person", "film_work", "genre_film_work", "person_film_work");

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException, BadRow;
    }

    interface RowHandler<T> {
        void good(T row);

        void bad(String rowId, String reason);

        /** After the last row. */
        void end();
    }

    private final Connection sqlite;

    private PracticumReader(Connection sqlite) {
        this.sqlite = sqlite;
    }

    static PracticumReader open(Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no SQLite file at " + file.toAbsolutePath());
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
        PracticumReader reader = new PracticumReader(connection);
        List<String> missing = new ArrayList<>();
        for (String table : TABLES) {
            if (!reader.hasTable(table)) {
                missing.add(table);
            }
        }
        if (!missing.isEmpty()) {
            reader.close();
            throw new IllegalArgumentException(file + " is not a Practicum-schema catalog: it has no table " + String.join(", ", missing));
        }
        return reader;
    }

    long count(String table) throws SQLException {
        try (Statement statement = sqlite.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    <T> void read(String query, RowMapper<T> mapper, RowHandler<T> handler) throws SQLException {
        try (Statement statement = sqlite.createStatement()) {
            statement.setFetchSize(1_000);
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    T row;
                    try {
                        row = mapper.map(rows);
                    } catch (BadRow bad) {
                        handler.bad(rows.getString(1), bad.getMessage());
                        continue;
                    }
                    handler.good(row);
                }
            }
            handler.end();
        }
    }

    private boolean hasTable(String table) throws SQLException {
        try (var statement = sqlite.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        sqlite.close();
    }
}
