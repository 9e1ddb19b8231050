package dev.cinema.asyncapi.catalog;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.Level;
import co.elastic.clients.elasticsearch.indices.stats.IndicesStats;
import co.elastic.clients.elasticsearch.indices.stats.ShardStats;
import dev.cinema.lifecycle.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A name for the catalog's current content, part of every cache key: any write to the indices
 * (an ETL run, a re-index, new vote counts) changes it, and the answers cached under the old
 * name are never read again. It is made of each index's uuid (a recreated index) and its highest
 * sequence number (every write), polled every {@code versionPoll}. A new name is adopted only
 * once Elasticsearch has surely refreshed (writes become searchable up to a second later), so an
 * answer cached under it never predates the write.
 */
@Component
public class CatalogVersion extends BackgroundLoop {

    /** Longer than the indices' refresh interval (1 s). */
    static final Duration SETTLE = Duration.ofMillis(1_500);

    private static final Logger log = LoggerFactory.getLogger(CatalogVersion.class);

    private record Seen(String version, long atNanos) {
    }

    private final ElasticsearchAsyncClient client;
    private final CatalogSettings settings;
    private final Deque<Seen> waiting = new ArrayDeque<>();
    private volatile String current = "none";

    CatalogVersion(ElasticsearchAsyncClient client, CatalogSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    public String current() {
        return current;
    }

    @Override
    protected Disposable run() {
        return Flux.interval(Duration.ZERO, settings.versionPoll())
                .onBackpressureDrop()
                .concatMap(tick -> observe().onErrorResume(failure -> {
                    log.debug("catalog version unknown: {}", failure.toString());
                    return Mono.empty();
                }))
                .subscribe(this::seen);
    }

    Mono<String> observe() {
        CatalogSettings.Indices indices = settings.indices();
        return Mono.fromFuture(() -> client.indices().stats(stats -> stats
                        .index(indices.movies(), indices.genres(), indices.persons())
                        .level(Level.Shards)), true)
                .timeout(settings.timeout())
                .map(response -> fingerprint(response.indices()));
    }

    private synchronized void seen(String version) {
        long now = System.nanoTime();
        if (current.equals("none")) {
            current = version;
            return;
        }
        Seen last = waiting.peekLast();
        String newest = last == null ? current : last.version();
        if (!newest.equals(version)) {
            waiting.addLast(new Seen(version, now));
        }
        while (!waiting.isEmpty() && now - waiting.peekFirst().atNanos() >= SETTLE.toNanos()) {
            current = waiting.pollFirst().version();
            log.debug("catalog version {}", current);
        }
    }

    private static String fingerprint(Map<String, IndicesStats> indices) {
        StringBuilder state = new StringBuilder();
        new TreeMap<>(indices).forEach((name, stats) -> {
            state.append(name).append('/').append(stats.uuid());
            stats.shards().values().stream().flatMap(List::stream).map(ShardStats::seqNo)
                    .forEach(seqNo -> state.append('/').append(seqNo == null ? -1 : seqNo.maxSeqNo()));
            state.append(';');
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
