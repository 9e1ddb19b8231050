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
 * answer cached under it never predates the write. A change of the films alone is adopted at most
 * once every {@code filmsHold}: recsys-service writes vote counts into the films every few
 * seconds while viewers react, and each new name drops every cached answer.
 */
@Component
public class CatalogVersion extends BackgroundLoop {

    /** Longer than the indices' refresh interval (1 s). */
    static final Duration SETTLE = Duration.ofMillis(1_500);

    private static final Logger log = LoggerFactory.getLogger(CatalogVersion.class);

    /**
     * What the indices hold: {@code films}, the films' sequence numbers (every film write, vote
     * counts among them), and {@code rest}, the indices' uuids and the genres' and persons'
     * sequence numbers.
     */
    record Snapshot(String rest, String films) {

        String version() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest((rest + '|' + films).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Seen(Snapshot snapshot, long atNanos) {
    }

    private final ElasticsearchAsyncClient client;
    private final CatalogSettings settings;
    private final Deque<Seen> waiting = new ArrayDeque<>();
    private Snapshot adopted;
    private long adoptedAtNanos;
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
                .subscribe(snapshot -> seen(snapshot, System.nanoTime()));
    }

    Mono<Snapshot> observe() {
        CatalogSettings.Indices indices = settings.indices();
        return Mono.fromFuture(() -> client.indices().stats(stats -> stats
                        .index(indices.movies(), indices.genres(), indices.persons())
                        .level(Level.Shards)), true)
                .timeout(settings.timeout())
                .map(response -> snapshot(response.indices()));
    }

    /** What was observed at {@code now}: adopted at once the first time, else when settled and not held. */
    synchronized void seen(Snapshot snapshot, long now) {
        if (adopted == null) {
            adopt(snapshot, now);
            return;
        }
        Seen last = waiting.peekLast();
        if (!(last == null ? adopted : last.snapshot()).equals(snapshot)) {
            waiting.addLast(new Seen(snapshot, now));
        }
        Seen settled = null;
        for (Seen seen : waiting) {
            if (now - seen.atNanos() < SETTLE.toNanos()) {
                break;
            }
            settled = seen;
        }
        if (settled == null) {
            return;
        }
        boolean filmsOnly = settled.snapshot().rest().equals(adopted.rest());
        if (filmsOnly && now - adoptedAtNanos < settings.filmsHold().toNanos()) {
            return;
        }
        while (waiting.peekFirst() != settled) {
            waiting.pollFirst();
        }
        waiting.pollFirst();
        adopt(settled.snapshot(), now);
    }

    private void adopt(Snapshot snapshot, long now) {
        adopted = snapshot;
        adoptedAtNanos = now;
        current = snapshot.version();
        log.debug("catalog version {}", current);
    }

    private Snapshot snapshot(Map<String, IndicesStats> indices) {
        StringBuilder rest = new StringBuilder();
        StringBuilder films = new StringBuilder();
        new TreeMap<>(indices).forEach((name, stats) -> {
            StringBuilder seqNos = name.equals(settings.indices().movies()) ? films : rest;
            rest.append(name).append('/').append(stats.uuid()).append(';');
            stats.shards().values().stream().flatMap(List::stream).map(ShardStats::seqNo)
                    .forEach(seqNo -> seqNos.append(name).append('/').append(seqNo == null ? -1 : seqNo.maxSeqNo()).append(';'));
        });
        return new Snapshot(rest.toString(), films.toString());
    }
}
