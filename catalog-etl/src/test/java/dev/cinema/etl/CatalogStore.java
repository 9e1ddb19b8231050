package dev.cinema.etl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the ETL wrote, read straight from PostgreSQL and Elasticsearch; and a way to start from nothing. */
final class CatalogStore {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogStore() {
    }

    static void reset() throws Exception {
        execute("DROP SCHEMA IF EXISTS content CASCADE");
        elasticsearch("DELETE", "/movies,genres,persons?ignore_unavailable=true", null);
    }

    static Connection content() throws SQLException {
        return DriverManager.getConnection("jdbc:" + System.getProperty("POSTGRES_URL") + "/content",
                System.getProperty("POSTGRES_USER"), System.getProperty("POSTGRES_PASSWORD"));
    }

    static void execute(String sql) throws SQLException {
        try (Connection connection = content(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(String sql) throws SQLException {
        return strings(sql).stream().findFirst().map(Long::parseLong).orElseThrow();
    }

    static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = content(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    static long documents(String index) throws Exception {
        elasticsearch("POST", "/" + index + "/_refresh", null);
        return elasticsearch("GET", "/" + index + "/_count", null).path("count").asLong();
    }

    static JsonNode document(String index, String id) throws Exception {
        return elasticsearch("GET", "/" + index + "/_doc/" + id, null).path("_source");
    }

    static JsonNode search(String index, String body) throws Exception {
        elasticsearch("POST", "/" + index + "/_refresh", null);
        return elasticsearch("POST", "/" + index + "/_search", body).path("hits").path("hits");
    }

    static JsonNode elasticsearch(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(System.getProperty("ELASTICSEARCH_URL") + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
