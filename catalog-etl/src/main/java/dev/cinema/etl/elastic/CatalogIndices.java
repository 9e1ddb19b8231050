package dev.cinema.etl.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Creates the catalog indices with their explicit settings and mappings when they do not exist yet. */
final class CatalogIndices {

    static final String MOVIES = "movies";
    static final String GENRES = "genres";
    static final String PERSONS = "persons";

    private final ElasticsearchClient client;
    private final Retrying retrying;

    CatalogIndices(ElasticsearchClient client, Retrying retrying) {
        this.client = client;
        this.retrying = retrying;
    }

    void ensureExist() {
        for (String index : new String[] {MOVIES, GENRES, PERSONS}) {
            boolean exists = retrying.call("index check of " + index, () -> client.indices().exists(e -> e.index(index)).value());
            if (!exists) {
                create(index);
            }
        }
    }

    private void create(String index) {
        try {
            retrying.call("creation of index " + index, () -> {
                try (InputStream definition = definition(index)) {
                    return client.indices().create(c -> c.index(index).withJson(definition));
                }
            });
        } catch (ElasticsearchException e) {
            // Another run created it between our check and our request.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private static InputStream definition(String index) {
        InputStream stream = CatalogIndices.class.getResourceAsStream("/elasticsearch/" + index + ".json");
        if (stream == null) {
            throw new UncheckedIOException(new IOException("no mapping for index " + index));
        }
        return stream;
    }
}
