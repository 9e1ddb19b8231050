package dev.cinema.etl;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the ETL runs.
 *
 * @param batchSize              rows per PostgreSQL statement and documents per bulk request
 * @param writers                connections writing batches to PostgreSQL at the same time
 * @param embeddings             whether films get an all-MiniLM-L6-v2 vector (the command line may override)
 * @param embeddingThreads       threads computing vectors; the model uses about one core per text
 * @param embeddingBatchSize     films per bulk request while vectors are computed, so progress and resume stay fine-grained
 * @param watchInterval          pause between two rounds of {@code --watch}
 * @param elasticsearchRetryFor  how long Elasticsearch may stay down or overloaded before the stage gives up
 * @param progressEvery          how often progress is logged when the output is not a terminal
 */
@ConfigurationProperties("etl")
public record EtlProperties(int batchSize, int writers, boolean embeddings, int embeddingThreads, int embeddingBatchSize,
                            Duration watchInterval, Duration elasticsearchRetryFor, Duration progressEvery) {

    public EtlProperties {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("etl.batch-size must be positive, got " + batchSize);
        }
        if (writers <= 0) {
            writers = 2;
        }
        if (embeddingThreads <= 0) {
            embeddingThreads = Runtime.getRuntime().availableProcessors() + 1;
        }
        if (embeddingBatchSize <= 0) {
            embeddingBatchSize = 256;
        }
        watchInterval = positive(watchInterval, Duration.ofSeconds(10));
        elasticsearchRetryFor = positive(elasticsearchRetryFor, Duration.ofMinutes(5));
        progressEvery = positive(progressEvery, Duration.ofSeconds(5));
    }

    private static Duration positive(Duration value, Duration otherwise) {
        return value == null || value.isNegative() || value.isZero() ? otherwise : value;
    }

    EtlProperties withEmbeddings(boolean on) {
        return new EtlProperties(batchSize, writers, on, embeddingThreads, embeddingBatchSize, watchInterval, elasticsearchRetryFor, progressEvery);
    }
}
