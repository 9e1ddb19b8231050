package dev.cinema.asyncapi;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small catalog in the test Elasticsearch, in the indices catalog-etl defines (its mapping files
 * are read from the catalog-etl module, so the tests follow them): well-known films, their
 * genres and people, loaded once per test JVM.
 */
final class TestCatalog {

    static final String SCI_FI = id("genre", "Sci-Fi");
    static final String CRIME = id("genre", "Crime");
    static final String NEW_HOPE = id("film", "Star Wars: Episode IV - A New Hope");
    static final String EMPIRE = id("film", "Star Wars: Episode V - The Empire Strikes Back");
    static final String ALIEN = id("film", "Alien");
    static final String BLADE_RUNNER = id("film", "Blade Runner");
    static final String GODFATHER = id("film", "The Godfather");
    static final String AMELIE = id("film", "Amélie");
    static final String UNRATED = id("film", "An Unrated Short");
    static final String FORGETTABLE = id("film", "A Forgettable Sequel");
    static final String HARRISON_FORD = id("person", "Harrison Ford");
    static final String RIDLEY_SCOTT = id("person", "Ridley Scott");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static boolean loaded;

    private TestCatalog() {
    }

    static synchronized void load() {
        if (loaded) {
            return;
        }
        for (String index : List.of("movies", "genres", "persons")) {
            send("DELETE", "/" + index + "?ignore_unavailable=true", null);
            send("PUT", "/" + index, read(Path.of("../catalog-etl/src/main/resources/elasticsearch/" + index + ".json")));
        }
        List<Map<String, Object>> genres = List.of(genre("Sci-Fi"), genre("Adventure"), genre("Horror"), genre("Crime"),
                genre("Drama"), genre("Comedy"), genre("Romance"));
        List<Map<String, Object>> films = List.of(
                film("Star Wars: Episode IV - A New Hope", "A farm boy joins a rebellion against a galactic empire.", 8.6, "1977-05-25",
                        List.of("Sci-Fi", "Adventure"), List.of("George Lucas"), List.of("Mark Hamill", "Harrison Ford")),
                film("Star Wars: Episode V - The Empire Strikes Back", "The rebels flee across the galaxy while Luke trains.", 8.7,
                        "1980-05-21", List.of("Sci-Fi", "Adventure"), List.of("Irvin Kershner"), List.of("Mark Hamill", "Harrison Ford")),
                film("Alien", "The crew of a space freighter meets a deadly creature.", 8.5, "1979-05-25",
                        List.of("Sci-Fi", "Horror"), List.of("Ridley Scott"), List.of("Sigourney Weaver")),
                film("Blade Runner", "A detective hunts artificial humans in a rainy future city.", 8.1, "1982-06-25",
                        List.of("Sci-Fi"), List.of("Ridley Scott"), List.of("Harrison Ford")),
                film("The Godfather", "The head of a crime family hands his empire to his son.", 9.2, "1972-03-24",
                        List.of("Crime", "Drama"), List.of("Francis Ford Coppola"), List.of("Al Pacino")),
                film("Amélie", "A shy waitress in Paris secretly improves the lives of others.", 8.3, "2001-04-25",
                        List.of("Comedy", "Romance"), List.of("Jean-Pierre Jeunet"), List.of("Audrey Tautou")),
                film("An Unrated Short", "A short film nobody has rated yet.", null, null,
                        List.of("Drama"), List.of(), List.of()),
                film("A Forgettable Sequel", "The sequel nobody asked for.", 4.0, "2011-01-01",
                        List.of("Drama"), List.of(), List.of()));
        StringBuilder bulk = new StringBuilder();
        genres.forEach(genre -> add(bulk, "genres", genre));
        films.forEach(film -> add(bulk, "movies", film));
        persons(films).forEach(person -> add(bulk, "persons", person));
        send("POST", "/_bulk?refresh=true", bulk.toString());
        loaded = true;
    }

    /** Sets a film's votes and popularity (null: not ranked yet), as recsys-service does, and makes them searchable. */
    static void ranked(String filmId, int likes, int dislikes, Double popularity) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("likes", likes);
        doc.put("dislikes", dislikes);
        doc.put("popularity", popularity);
        send("POST", "/movies/_update/" + filmId + "?refresh=true", JSON.writeValueAsString(Map.of("doc", doc)));
    }

    /** Makes Elasticsearch refuse (or answer again) every search and read of the films, writes and index stats still served. */
    static void refuseReads(boolean refused) {
        send("PUT", "/movies/_settings", "{\"index.blocks.read\": " + refused + "}");
    }

    static void rename(String filmId, String title) {
        send("POST", "/movies/_update/" + filmId + "?refresh=true", JSON.writeValueAsString(Map.of("doc", Map.of("title", title))));
    }

    static String id(String kind, String name) {
        return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes()).toString();
    }

    private static Map<String, Object> genre(String name) {
        return Map.of("id", id("genre", name), "name", name, "description", name + " films");
    }

    private static Map<String, Object> film(String title, String description, Double rating, String date, List<String> genres,
                                            List<String> directors, List<String> actors) {
        Map<String, Object> film = new LinkedHashMap<>();
        film.put("id", id("film", title));
        film.put("title", title);
        film.put("description", description);
        film.put("imdb_rating", rating);
        film.put("creation_date", date);
        film.put("type", "movie");
        film.put("genres", genres.stream().map(name -> Map.of("id", id("genre", name), "name", name)).toList());
        film.put("directors", named(directors));
        film.put("actors", named(actors));
        film.put("writers", List.of());
        film.put("directors_names", directors);
        film.put("actors_names", actors);
        film.put("writers_names", List.of());
        return film;
    }

    private static List<Map<String, String>> named(List<String> people) {
        return people.stream().map(name -> Map.of("id", id("person", name), "name", name)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> persons(List<Map<String, Object>> films) {
        Map<String, Map<String, List<String>>> rolesByPerson = new LinkedHashMap<>();
        for (Map<String, Object> film : films) {
            for (String role : List.of("director", "actor")) {
                for (Map<String, String> person : (List<Map<String, String>>) film.get(role + "s")) {
                    rolesByPerson.computeIfAbsent(person.get("name"), name -> new LinkedHashMap<>())
                            .computeIfAbsent((String) film.get("id"), ignored -> new ArrayList<>()).add(role);
                }
            }
        }
        return rolesByPerson.entrySet().stream().map(person -> Map.<String, Object>of(
                "id", id("person", person.getKey()),
                "full_name", person.getKey(),
                "films", person.getValue().entrySet().stream().map(film -> Map.of("id", film.getKey(), "roles", film.getValue())).toList()))
                .toList();
    }

    private static void add(StringBuilder bulk, String index, Map<String, Object> document) {
        bulk.append(JSON.writeValueAsString(Map.of("index", Map.of("_index", index, "_id", document.get("id"))))).append('\n');
        bulk.append(JSON.writeValueAsString(document)).append('\n');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("the catalog-etl module's index definitions are needed next to this module", e);
        }
    }

    private static void send(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(System.getProperty("ELASTICSEARCH_URL") + path))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 || response.body().contains("\"errors\":true")) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
