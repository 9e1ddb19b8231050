package dev.cinema.recsys.eval;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import dev.cinema.recsys.catalog.Catalog;
import dev.cinema.recsys.evaluation.MovieLens;
import dev.cinema.recsys.evaluation.MovieLens.Movie;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * MovieLens' films as a catalog index of their own ({@code recsys.catalog-index}), in the shape
 * catalog-etl gives the real one: title, year, genres and an all-MiniLM-L6-v2 vector of the same
 * text ("Title. Genre, Genre"). Embedding ten thousand films takes a minute or two here, so an
 * index already built from the same {@code movies.csv} (its hash in {@code _meta}) is kept.
 */
@Component
@Profile("eval")
class EvaluationCatalog {

    private static final Logger log = LoggerFactory.getLogger(EvaluationCatalog.class);
    private static final int BATCH = 256;
    private static final String MAPPING = """
            {"mappings": {
              "_meta": {"source": "%s"},
              "dynamic": "strict",
              "properties": {
                "id": {"type": "keyword"},
                "title": {"type": "text", "analyzer": "standard"},
                "creation_date": {"type": "date"},
                "imdb_rating": {"type": "float"},
                "genres": {"type": "keyword"},
                "embedding": {"type": "dense_vector", "dims": 384, "index": true, "similarity": "cosine",
                              "index_options": {"type": "int8_hnsw"}}
              }}}""";

    private final ElasticsearchAsyncClient elasticsearch;
    private final String index;

    EvaluationCatalog(ElasticsearchAsyncClient elasticsearch, Catalog catalog) {
        this.elasticsearch = elasticsearch;
        this.index = catalog.index();
    }

    /** Builds the index unless it already holds these films; {@code source} identifies them. */
    void load(List<Movie> movies, String source) {
        boolean exists = elasticsearch.indices().exists(ask -> ask.index(index)).join().value();
        if (exists && holds(source)) {
            log.info("index {} already holds these {} films", index, movies.size());
            return;
        }
        if (exists) {
            elasticsearch.indices().delete(delete -> delete.index(index)).join();
        }
        elasticsearch.indices().create(create -> create.index(index)
                .withJson(new StringReader(MAPPING.formatted(source)))).join();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("embedding-", 0).daemon().factory());
        try {
            EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel(pool);
            long started = System.nanoTime();
            for (int from = 0; from < movies.size(); from += BATCH) {
                List<Movie> batch = movies.subList(from, Math.min(movies.size(), from + BATCH));
                List<Embedding> vectors = model.embedAll(batch.stream().map(movie -> TextSegment.from(text(movie))).toList()).content();
                List<BulkOperation> operations = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    Map<String, Object> document = document(batch.get(i), vectors.get(i).vector());
                    operations.add(BulkOperation.of(operation -> operation.index(write -> write.index(index)
                            .id(document.get("id").toString()).document(document))));
                }
                BulkResponse written = elasticsearch.bulk(bulk -> bulk.operations(operations)).join();
                if (written.errors()) {
                    throw new IllegalStateException("indexing MovieLens films failed: " + written.items().stream()
                            .filter(item -> item.error() != null).findFirst().map(item -> item.error().reason()).orElse("?"));
                }
                log.info("embedded and indexed {} of {} films ({} /s)", from + batch.size(), movies.size(),
                        Math.round((from + batch.size()) / ((System.nanoTime() - started) / 1e9)));
            }
        } finally {
            pool.shutdownNow();
        }
        elasticsearch.indices().refresh(refresh -> refresh.index(index)).join();
    }

    /** The same text catalog-etl embeds for a film without a description. */
    static String text(Movie movie) {
        return movie.genres().isEmpty() ? movie.title() : movie.title() + ". " + String.join(", ", movie.genres());
    }

    private static Map<String, Object> document(Movie movie, float[] vector) {
        Map<String, Object> document = new HashMap<>();
        document.put("id", movie.filmId().toString());
        document.put("title", movie.title());
        document.put("creation_date", movie.year() == null ? null : movie.year() + "-01-01");
        document.put("genres", movie.genres());
        document.put("embedding", vector);
        return document;
    }

    /** Whether the existing index was built from these films. */
    private boolean holds(String source) {
        return elasticsearch.indices().getMapping(mapping -> mapping.index(index)).join().mappings().values().stream()
                .anyMatch(mapping -> mapping.mappings().meta() != null && mapping.mappings().meta().containsKey("source")
                        && source.equals(mapping.mappings().meta().get("source").to(String.class)));
    }
}
