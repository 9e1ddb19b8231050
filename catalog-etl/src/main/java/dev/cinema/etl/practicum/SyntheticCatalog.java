package dev.cinema.etl.practicum;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A made-up catalog of any size in the Practicum schema, for benchmarks: the 26 Practicum genres,
 * one person per two films, and per film 1–3 genres, a director, 1–2 writers and 3–6 actors
 * (about 9 links per film). The same size always gives the same file.
 */
public final class SyntheticCatalog {

    public static final List<String> GENRES = List.of("Action", "Adventure", "Fantasy", "Sci-Fi", "Drama", "Music",
            "Romance", "Thriller", "Mystery", "Comedy", "Animation", "Family", "Biography", "Musical", "Crime", "Short",
            "Western", "Documentary", "History", "War", "Game-Show", "Reality-TV", "Horror", "Sport", "Talk-Show", "News");

    private static final String[] ADJECTIVES = {"Silent", "Crimson", "Last", "Hidden", "Broken", "Golden", "Distant",
            "Frozen", "Endless", "Secret", "Burning", "Lonely", "Wild", "Dark", "Bright", "Lost", "Iron", "Quiet"};
    private static final String[] NOUNS = {"River", "Empire", "Garden", "Station", "Mirror", "Harbor", "Winter",
            "Kingdom", "Signal", "Voyage", "Orchard", "Frontier", "Lighthouse", "Circus", "Desert", "Planet", "Letter"};
    private static final String[] FIRST = {"Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta", "Hugo", "Ines",
            "Jonas", "Kira", "Leon", "Maya", "Nikolai", "Olga", "Pavel", "Rosa", "Sami", "Tamara", "Viktor"};
    private static final String[] LAST = {"Ivanova", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen",
            "Ito", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Orlov", "Petrov", "Quinn", "Rossi", "Sato"};

    private SyntheticCatalog() {
    }

    public static void write(Path file, int films) throws SQLException {
        Random random = new Random(films);
        List<UUID> genres = new ArrayList<>();
        int personCount = Math.max(10, films / 2);
        List<UUID> persons = new ArrayList<>(personCount);
        try (PracticumFile catalog = PracticumFile.create(file)) {
            for (String name : GENRES) {
                UUID id = PracticumFile.nameUuid("genre", name);
                genres.add(id);
                catalog.genre(id, name, name + " films");
            }
            for (int i = 0; i < personCount; i++) {
                UUID id = PracticumFile.nameUuid("person", i);
                persons.add(id);
                catalog.person(id, FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " " + i);
            }
            for (int i = 0; i < films; i++) {
                UUID film = PracticumFile.nameUuid("film", i);
                String title = "The " + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)] + " " + i;
                String description = "A story about a " + ADJECTIVES[random.nextInt(ADJECTIVES.length)].toLowerCase()
                        + " " + NOUNS[random.nextInt(NOUNS.length)].toLowerCase() + " and the people who find a "
                        + NOUNS[random.nextInt(NOUNS.length)].toLowerCase() + " that changes everything.";
                String date = (1930 + random.nextInt(95)) + "-01-01";
                catalog.film(film, title, description, date, Math.round((3 + random.nextDouble() * 6.5) * 10) / 10.0);
                for (UUID genre : pick(random, genres, 1 + random.nextInt(3))) {
                    catalog.genreLink(film, genre);
                }
                credit(catalog, random, film, persons, "director", 1);
                credit(catalog, random, film, persons, "writer", 1 + random.nextInt(2));
                credit(catalog, random, film, persons, "actor", 3 + random.nextInt(4));
            }
        }
    }

    private static void credit(PracticumFile catalog, Random random, UUID film, List<UUID> persons, String role, int count)
            throws SQLException {
        for (UUID person : pick(random, persons, count)) {
            catalog.personLink(film, person, role);
        }
    }

    private static Set<UUID> pick(Random random, List<UUID> from, int count) {
        Set<UUID> picked = new LinkedHashSet<>();
        while (picked.size() < Math.min(count, from.size())) {
            picked.add(from.get(random.nextInt(from.size())));
        }
        return picked;
    }
}
