package dev.cinema.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedServers(ServerKind.ELASTICSEARCH)
class ElasticsearchServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String url;

    @BeforeAll
    static void createAndFillIndex(ElasticsearchServer elasticsearch) throws Exception {
        url = elasticsearch.url();
        send("DELETE", "/infra-films", null);
        JsonNode created = send("PUT", "/infra-films", """
                {"mappings": {"properties": {
                    "title": {"type": "text", "analyzer": "standard"},
                    "embedding": {"type": "dense_vector", "dims": 3, "index": true, "similarity": "cosine"}}}}
                """);
        assertThat(created.path("acknowledged").asBoolean()).isTrue();
        JsonNode bulk = send("POST", "/_bulk?refresh=true", """
                {"index": {"_index": "infra-films", "_id": "1"}}
                {"title": "Alien", "embedding": [1.0, 0.0, 0.0]}
                {"index": {"_index": "infra-films", "_id": "2"}}
                {"title": "Aliens", "embedding": [0.9, 0.1, 0.0]}
                {"index": {"_index": "infra-films", "_id": "3"}}
                {"title": "Amelie", "embedding": [0.0, 0.0, 1.0]}
                """);
        assertThat(bulk.path("errors").asBoolean()).isFalse();
    }

    @Test
    void matchQueryFindsTheTitle() throws Exception {
        JsonNode result = send("POST", "/infra-films/_search", """
                {"query": {"match": {"title": "amelie"}}}
                """);

        assertThat(result.at("/hits/hits/0/_id").asText()).isEqualTo("3");
        assertThat(result.at("/hits/total/value").asInt()).isEqualTo(1);
    }

    @Test
    void knnFindsTheNearestVectors() throws Exception {
        JsonNode result = send("POST", "/infra-films/_search", """
                {"knn": {"field": "embedding", "query_vector": [1.0, 0.05, 0.0], "k": 2, "num_candidates": 10},
                 "_source": false}
                """);

        assertThat(result.at("/hits/hits").findValuesAsText("_id")).containsExactly("1", "2");
    }

    private static JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
