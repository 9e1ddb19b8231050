package dev.cinema.etl.practicum;

import dev.cinema.etl.embedding.FilmEmbeddings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The texts the ETL would embed for the first films of a Practicum-schema file. */
public final class PracticumTexts {

    private PracticumTexts() {
    }

    public static List<String> read(Path file, int limit) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no SQLite file at " + file);
        }
        List<String> texts = new ArrayList<>();
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
             PreparedStatement query = sqlite.prepareStatement("""
                     SELECT f.title, f.description, group_concat(g.name, ',') FROM film_work f
                     LEFT JOIN genre_film_work l ON l.film_work_id = f.id LEFT JOIN genre g ON g.id = l.genre_id
                     GROUP BY f.id LIMIT ?
                     """)) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String genres = rows.getString(3);
                    List<String> names = genres == null ? List.of() : Arrays.stream(genres.split(",")).sorted().toList();
                    texts.add(FilmEmbeddings.text(rows.getString(1), names, rows.getString(2)));
                }
            }
        }
        return texts;
    }
}
