package dev.cinema.recsys.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A MovieLens-format folder: {@code movies.csv} (movieId,title,genres) and {@code ratings.csv} (userId,movieId,rating,timestamp). */
public record MovieLens(List<Movie> movies, List<Rating> ratings) {

    private static final Pattern TITLE_YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})\\)\\s*$");
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*), (The|A|An)$");

    /**
     * @param title "The American President", from "American President, The (1995)"
     * @param year  null when the title has none
     */
    public record Movie(long movieId, String title, Integer year, List<String> genres) {

        public UUID filmId() {
            return MovieLens.filmId(movieId);
        }
    }

    /** @param rating 0.5 to 5 */
    public record Rating(long userId, long movieId, double rating, long timestamp) {
    }

    public static MovieLens read(Path dir) throws IOException {
        Path movies = dir.resolve("movies.csv");
        Path ratings = dir.resolve("ratings.csv");
        if (!Files.isRegularFile(movies) || !Files.isRegularFile(ratings)) {
            throw new IllegalArgumentException(dir + " holds no movies.csv and ratings.csv (MovieLens format)");
        }
        return new MovieLens(rows(movies, 3, MovieLens::movie), rows(ratings, 4, fields -> new Rating(
                Long.parseLong(fields.get(0)), Long.parseLong(fields.get(1)), Double.parseDouble(fields.get(2)), Long.parseLong(fields.get(3)))));
    }

    public static UUID filmId(long movieId) {
        return UUID.nameUUIDFromBytes(("movielens-movie:" + movieId).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID userId(long userId) {
        return UUID.nameUUIDFromBytes(("movielens-user:" + userId).getBytes(StandardCharsets.UTF_8));
    }

    public static Movie movie(List<String> fields) {
        String title = fields.get(1).strip();
        Integer year = null;
        Matcher withYear = TITLE_YEAR.matcher(title);
        if (withYear.matches()) {
            title = withYear.group(1);
            year = Integer.parseInt(withYear.group(2));
        }
        Matcher article = TRAILING_ARTICLE.matcher(title);
        if (article.matches()) {
            title = article.group(2) + " " + article.group(1);
        }
        List<String> genres = fields.get(2).equals("(no genres listed)") ? List.of() : List.of(fields.get(2).split("\\|"));
        return new Movie(Long.parseLong(fields.get(0)), title, year, genres);
    }

    private interface RowParser<T> {
        T parse(List<String> fields);
    }

    private static <T> List<T> rows(Path file, int columns, RowParser<T> parser) throws IOException {
        List<T> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.readLine(); // the header
            int number = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = fields(line);
                if (fields.size() != columns) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + number + ": " + columns + " fields expected, got " + fields.size());
                }
                try {
                    rows.add(parser.parse(fields));
                } catch (NumberFormatException wrong) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + number + ": " + wrong.getMessage(), wrong);
                }
            }
        }
        return rows;
    }

    /** One CSV line (RFC 4180: fields in double quotes may hold commas and doubled quotes). */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
