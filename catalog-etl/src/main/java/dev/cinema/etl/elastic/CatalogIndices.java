package dev.cinema.etl.elastic;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;

import jakarta.json.Json;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
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

    /** Whether an index is missing: a new or wiped Elasticsearch, which holds nothing indexed before. */
    boolean anyMissing() {
        for (String index : new String[] {MOVIES, GENRES, PERSONS}) {
            if (!exists(index)) {
                return true;
            }
        }
        return false;
    }

    void ensureExist() {
        for (String index : new String[] {MOVIES, GENRES, PERSONS}) {
            if (exists(index)) {
                addNewFields(index);
            } else {
                create(index);
            }
        }
    }

    private boolean exists(String index) {
        return retrying.call("index check of " + index,
                () -> rest.performRequest(new Request("HEAD", "/" + index)).getStatusCode() == 200);
    }

    /**
     * Whether the ETL merges its fields into the index's documents instead of replacing them:
     * a film's document also holds its {@code likes}, {@code dislikes} and {@code popularity},
     * written by recsys-service.
     */
    static boolean keepsOtherWriters(String index) {
        return MOVIES.equals(index);
    }

    /**
     * Puts the definition's mappings on an index made by an earlier version: fields added since
     * appear; a field whose type changed is refused by Elasticsearch, and then the index must be
     * dropped and filled again with {@code --full}.
     */
    private void addNewFields(String index) {
        Request request = new Request("PUT", "/" + index + "/_mapping");
        try (JsonReader definition = Json.createReader(new StringReader(definition(index)))) {
            request.setJsonEntity(definition.readObject().getJsonObject("mappings").toString());
        }
        try {
            retrying.call("mapping update of index " + index, () -> rest.performRequest(request));
        } catch (Retrying.ElasticsearchRefused e) {
            throw new IllegalStateException("index " + index + " was made with a mapping that cannot be changed into this version's: "
                    + "delete it and run with --full (" + e.getMessage() + ")", e);
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
