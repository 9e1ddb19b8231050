package dev.cinema.ugc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Films in the test catalog: documents in the {@code movies} index the service checks ids against. */
final class Catalog {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Catalog() {
    }

    static UUID film() {
        UUID id = UUID.randomUUID();
        try {
            HttpRequest put = HttpRequest.newBuilder(URI.create(System.getProperty("ELASTICSEARCH_URL") + "/movies/_doc/" + id))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"title\":\"Test film " + id + "\"}")).build();
            HttpResponse<String> response = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.body());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not add a film to the test catalog", e);
        }
        return id;
    }
}
