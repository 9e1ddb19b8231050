package dev.cinema.etl.practicum;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The demo catalog that ships in this jar ({@code demo/films.tsv}: real, well-known films with
 * descriptions written for this project), turned into a Practicum-schema SQLite file. Ids are
 * derived from names, so the demo loaded twice is the same catalog.
 */
public final class DemoCatalog {

    private static final String RESOURCE = "/demo/films.tsv";

    /** One line of the TSV. */
    public record DemoFilm(String title, int year, double rating, List<String> genres, List<String> directors,
                           List<String> writers, List<String> actors, String description) {
    }

    private DemoCatalog() {
    }

    public static List<DemoFilm> films() {
        try (InputStream stream = DemoCatalog.class.getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException("the demo catalog " + RESOURCE + " is missing from the jar");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            return lines.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(DemoCatalog::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file) throws SQLException {
        List<DemoFilm> films = films();
        try (PracticumFile catalog = PracticumFile.create(file)) {
            Set<String> genres = new LinkedHashSet<>();
            Set<String> persons = new LinkedHashSet<>();
            films.forEach(film -> {
                genres.addAll(film.genres());
                persons.addAll(film.directors());
                persons.addAll(film.writers());
                persons.addAll(film.actors());
            });
            for (String genre : genres) {
                catalog.genre(genreId(genre), genre, null);
            }
            for (String person : persons) {
                catalog.person(PracticumFile.nameUuid("person", person), person);
            }
            for (DemoFilm film : films) {
                UUID id = filmId(film.title(), film.year());
                catalog.film(id, film.title(), film.description(), film.year() + "-01-01", film.rating());
                for (String genre : film.genres()) {
                    catalog.genreLink(id, genreId(genre));
                }
                credit(catalog, id, film.directors(), "director");
                credit(catalog, id, film.writers(), "writer");
                credit(catalog, id, film.actors(), "actor");
            }
        }
    }

    public static UUID filmId(String title, int year) {
        return PracticumFile.nameUuid("film", title, year);
    }

    private static UUID genreId(String name) {
        return PracticumFile.nameUuid("genre", name);
    }

    private static void credit(PracticumFile catalog, UUID film, List<String> persons, String role) throws SQLException {
        for (String person : persons) {
            catalog.personLink(film, PracticumFile.nameUuid("person", person), role);
        }
    }

    private static DemoFilm parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 8) {
            throw new IllegalStateException("demo catalog line has " + fields.length + " fields, not 8: " + line);
        }
        return new DemoFilm(fields[0].strip(), Integer.parseInt(fields[1].strip()), Double.parseDouble(fields[2].strip()),
                list(fields[3]), list(fields[4]), list(fields[5]), list(fields[6]), fields[7].strip());
    }

    private static List<String> list(String field) {
        return Arrays.stream(field.split(",")).map(String::strip).filter(name -> !name.isEmpty()).distinct().toList();
    }
}
