package dev.cinema.recsys;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Films in the test Elasticsearch's {@code movies} index (catalog-etl's mapping, read from that
 * module), with made-up 384-dimension vectors: similar films get nearby vectors.
 */
public final class TestCatalog {

    static final int DIMENSIONS = 384;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static boolean created;

    private TestCatalog() {
    }

    static synchronized void createIndex() {
        if (!created) {
            send("DELETE", "/movies?ignore_unavailable=true", null);
            send("PUT", "/movies", read(Path.of("../catalog-etl/src/main/resources/elasticsearch/movies.json")));
            created = true;
        }
    }

    /** A film whose vector is mostly along {@code axis}, leaning towards {@code towards} by {@code lean} (0..1). */
    public static UUID film(String title, Double rating, int axis, int towards, double lean) {
        float[] vector = vector(axis, towards, lean);
        UUID id = UUID.randomUUID();
        Map<String, Object> film = new LinkedHashMap<>();
        film.put("id", id.toString());
        film.put("title", title);
        film.put("imdb_rating", rating);
        film.put("creation_date", "1980-01-01");
        film.put("embedding", vector);
        send("PUT", "/movies/_doc/" + id + "?refresh=true", JSON.writeValueAsString(film));
        return id;
    }

    /** The vector of {@link #film}: mostly along {@code axis}, leaning towards {@code towards} by {@code lean}. */
    public static float[] vector(int axis, int towards, double lean) {
        float[] vector = new float[DIMENSIONS];
        vector[axis] = (float) (1 - lean);
        vector[towards] += (float) lean;
        return vector;
    }

    /** Makes Elasticsearch refuse (403) or accept again every write to the films index. */
    static void refuseWrites(boolean refused) {
        send("PUT", "/movies/_settings", "{\"index.blocks.write\": " + refused + "}");
    }

    /** Makes Elasticsearch refuse (403) or answer again every read of the films index. */
    public static void refuseReads(boolean refused) {
        send("PUT", "/movies/_settings", "{\"index.blocks.read\": " + refused + "}");
    }

    static Map<?, ?> document(UUID id) {
        return (Map<?, ?>) JSON.readValue(send("GET", "/movies/_doc/" + id, null), Map.class).get("_source");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("the catalog-etl module's index definitions are needed next to this module", e);
        }
    }

    private static String send(String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(System.getProperty("ELASTICSEARCH_URL") + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
