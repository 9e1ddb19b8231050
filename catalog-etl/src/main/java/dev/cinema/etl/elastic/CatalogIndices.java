package dev.cinema.etl.elastic;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Creates the catalog indices with their explicit settings and mappings when they do not exist
 * yet. The definitions go to Elasticsearch as written: the typed client does not know every index
 * setting of the server (such as {@code mapping.exclude_source_vectors}).
 */
final class CatalogIndices {

    static final String MOVIES = "movies";
    static final String GENRES = "genres";
    static final String PERSONS = "persons";

    private final Rest5Client rest;
    private final Retrying retrying;

    CatalogIndices(Rest5Client rest, Retrying retrying) {
        this.rest = rest;
        this.retrying = retrying;
    }

    void ensureExist() {
        for (String index : new String[] {MOVIES, GENRES, PERSONS}) {
            boolean exists = retrying.call("index check of " + index,
                    () -> rest.performRequest(new Request("HEAD", "/" + index)).getStatusCode() == 200);
            if (!exists) {
                create(index);
            }
        }
    }

    private void create(String index) {
        Request request = new Request("PUT", "/" + index);
        request.setJsonEntity(definition(index));
        try {
            retrying.call("creation of index " + index, () -> rest.performRequest(request));
        } catch (Retrying.ElasticsearchRefused e) {
            // Another run created it between our check and our request.
            if (!e.getMessage().contains("resource_already_exists_exception")) {
                throw e;
            }
        }
    }

    private static String definition(String index) {
        try (InputStream stream = CatalogIndices.class.getResourceAsStream("/elasticsearch/" + index + ".json")) {
            if (stream == null) {
                throw new IOException("no definition of index " + index);
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
