package dev.cinema.etl.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.cinema.etl.report.TableReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Indexes documents with bulk requests. A document Elasticsearch pushes back with 429 goes again
 * after a pause; one it refuses for another reason is reported as failed with that reason.
 */
final class BulkWriter {

    private static final int MAX_PUSHBACKS = 20;

    private final ElasticsearchClient client;
    private final Retrying retrying;

    BulkWriter(ElasticsearchClient client, Retrying retrying) {
        this.client = client;
        this.retrying = retrying;
    }

    /** Indexes the documents; returns the ids of those Elasticsearch refused, with its reason. */
    <T> Map<String, String> index(String index, List<T> documents, Function<T, String> id, TableReport report) {
        Map<String, String> refused = new HashMap<>();
        Map<String, T> pending = new HashMap<>();
        documents.forEach(document -> pending.put(id.apply(document), document));
        Duration pause = Retrying.FIRST_PAUSE;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                retrying.pause(pause);
                pause = Retrying.longer(pause);
            }
            List<BulkOperation> operations = new ArrayList<>(pending.size());
            boolean merge = CatalogIndices.keepsOtherWriters(index);
            pending.forEach((documentId, document) -> operations.add(BulkOperation.of(operation -> merge
                    ? operation.update(request -> request.index(index).id(documentId).action(action -> action.doc(document).docAsUpsert(true)))
                    : operation.index(request -> request.index(index).id(documentId).document(document)))));
            BulkRequest request = BulkRequest.of(bulk -> bulk.operations(operations));
            BulkResponse response = retrying.call("a bulk request to " + index, () -> client.bulk(request));
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null) {
                    pending.remove(item.id());
                    if ("created".equals(item.result())) {
                        report.created(1);
                    } else {
                        report.changed(1);
                    }
                } else if (item.status() != 429 || attempt == MAX_PUSHBACKS) {
                    pending.remove(item.id());
                    String reason = item.error().type() + " " + item.error().reason();
                    report.failed(index + " " + item.id() + ": " + reason);
                    refused.put(item.id(), reason);
                }
            }
        }
        return refused;
    }
}
