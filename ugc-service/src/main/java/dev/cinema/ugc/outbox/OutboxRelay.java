package dev.cinema.ugc.outbox;

import dev.cinema.lifecycle.BackgroundLoop;
import dev.cinema.ugc.reaction.UserFilm;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Publishes the events waiting in the documents' outboxes to Kafka, then removes them from the
 * outboxes. Events are sent in the order they happened, within a round and across rounds (each
 * takes the oldest pending), keyed by user, so one user's events keep their order on one partition;
 * each carries its document's version, so one that goes late (a failed send tried again) cannot
 * undo a newer one. The relay reads the documents this instance just wrote by id
 * ({@link WrittenOutboxes}, given back when their events could not go); it searches the whole
 * collection for non-empty outboxes only at start, every {@code sweepInterval} (events of an
 * instance that died) and when ids were dropped (Kafka away for very long). When Kafka is
 * down the events stay where they are and the relay tries again with growing pauses. Delivery is
 * at least once: consumers drop duplicates by {@code eventId}.
 */
@Configuration
@EnableConfigurationProperties(EventSettings.class)
public class OutboxRelay extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final ReactiveMongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final KafkaAdmin admin;
    private final EventSettings settings;
    private final JsonMapper json;
    private final WrittenOutboxes written;
    private volatile boolean topicReady;
    private volatile boolean sweepNeeded = true;
    private volatile long lastSweep;

    OutboxRelay(ReactiveMongoTemplate mongo, KafkaTemplate<String, String> kafka, KafkaAdmin admin, EventSettings settings,
                JsonMapper json, WrittenOutboxes written) {
        this.mongo = mongo;
        this.written = written;
        this.kafka = kafka;
        this.admin = admin;
        this.settings = settings;
        this.json = json;
    }

    @Bean
    NewTopic reactionEventsTopic() {
        return TopicBuilder.name(settings.topic()).partitions(settings.partitions()).replicas(settings.replicas()).build();
    }

    @Override
    protected Disposable run() {
        // A round that published something is followed at once by the next; an idle one, after relayInterval.
        return Mono.defer(this::round)
                .filter(published -> published > 0)
                .repeatWhen(rounds -> rounds.concatMap(published -> Mono.delay(published > 0 ? Duration.ZERO : settings.relayInterval())))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(settings.maxBackoff()).transientErrors(true)
                        .doBeforeRetry(signal -> log.warn("Outbox relay: {}; trying again (attempt {})",
                                signal.failure().toString(), signal.totalRetriesInARow() + 1)))
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe();
    }

    /** One round: publish what is pending in up to {@code relayBatch} documents; emits how many events went. */
    Mono<Integer> round() {
        boolean sweep = sweepNeeded || written.takeOverflow()
                || System.nanoTime() - lastSweep > settings.sweepInterval().toNanos();
        List<String> taken = sweep ? List.of() : written.take(settings.relayBatch());
        Mono<List<UserFilm>> documents;
        if (sweep) {
            sweepNeeded = true;
            // Oldest pending event first (an ascending sort on an array's field takes its least value), so that
            // what a round leaves for the next is newer: each viewer's order holds across rounds.
            documents = mongo.find(Query.query(where("outbox.0").exists(true))
                            .with(Sort.by("outbox.occurredAt")).limit(settings.relayBatch()), UserFilm.class)
                    .collectList()
                    .doOnNext(found -> {
                        if (found.size() < settings.relayBatch()) {
                            sweepNeeded = false;
                            lastSweep = System.nanoTime();
                        }
                    });
        } else {
            documents = taken.isEmpty() ? Mono.just(List.of()) : mongo.find(Query.query(where("_id").in(taken)), UserFilm.class).collectList();
        }
        // After a failure the ids taken go back, so that once Kafka is back the held events are read by
        // id, not searched for in the whole collection (a search per round made the drain crawl); a
        // failed search is simply made again.
        // Off the MongoDB driver's thread before publishing: with Kafka down the producer's calls block
        // (max.block.ms), and that thread also carries the requests' reads and writes.
        return documents.publishOn(Schedulers.boundedElastic()).flatMap(this::publish)
                .doOnError(failure -> {
                    if (sweep) {
                        sweepNeeded = true;
                    } else {
                        written.giveBack(taken);
                    }
                });
    }

    private Mono<Integer> publish(List<UserFilm> documents) {
        List<Outgoing> events = new ArrayList<>();
        documents.forEach(document -> document.outbox().forEach(event -> events.add(new Outgoing(document, event))));
        if (events.isEmpty()) {
            return Mono.just(0);
        }
        ensureTopic();
        events.sort(Comparator.comparing((Outgoing outgoing) -> outgoing.event().occurredAt())
                .thenComparing(outgoing -> outgoing.event().version(), Comparator.nullsFirst(Comparator.naturalOrder())));
        return Mono.fromCallable(() -> sendInOrder(events))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(Flux::fromIterable)
                .concatMap(Sending::outcome)
                .collectList()
                .flatMap(outcomes -> {
                    List<Outgoing> sent = outcomes.stream().filter(Outcome::sent).map(Outcome::outgoing).toList();
                    Mono<Void> marked = markSent(sent);
                    return outcomes.stream().filter(outcome -> !outcome.sent()).findFirst()
                            .map(failed -> marked.then(Mono.<Integer>error(failed.failure())))
                            .orElse(marked.thenReturn(sent.size()));
                });
    }

    /**
     * Hands every event to the producer at once, in order, without waiting for one to be
     * acknowledged before the next: the producer batches them (one round trip per partition and
     * {@code linger.ms}, not per event) and, idempotent, keeps the order of one key's records on its
     * partition. Called on a thread of its own: with Kafka away a send blocks ({@code max.block.ms}),
     * and then the rest are not tried this round. An event whose send failed stays in its outbox and
     * goes again later, perhaps after a newer one of its film: consumers keep the highest version.
     */
    private List<Sending> sendInOrder(List<Outgoing> events) {
        List<Sending> sending = new ArrayList<>(events.size());
        for (Outgoing outgoing : events) {
            CompletableFuture<?> acknowledged;
            try {
                acknowledged = kafka.send(settings.topic(), outgoing.document().userId().toString(),
                        json.writeValueAsString(outgoing.toEvent()));
            } catch (RuntimeException failure) {
                acknowledged = CompletableFuture.failedFuture(failure);
            }
            sending.add(new Sending(outgoing, acknowledged));
            if (acknowledged.isCompletedExceptionally()) {
                break;
            }
        }
        return sending;
    }

    /**
     * Takes the sent events out of their outboxes, by {@code _id} (the only index mongo-java-server uses
     * here), in one unordered bulk write per round: an update per document, each a round trip of its
     * own, held the drain to the store's single-update rate.
     */
    private Mono<Void> markSent(List<Outgoing> sent) {
        if (sent.isEmpty()) {
            return Mono.empty();
        }
        Map<String, List<UUID>> byDocument = sent.stream().collect(Collectors.groupingBy(outgoing -> outgoing.document().id(),
                Collectors.mapping(outgoing -> outgoing.event().eventId(), Collectors.toList())));
        ReactiveBulkOperations pulls = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, UserFilm.class);
        byDocument.forEach((id, eventIds) -> pulls.updateOne(Query.query(where("_id").is(id)),
                new Update().pull("outbox", Query.query(where("eventId").in(eventIds)))));
        return pulls.execute().then();
    }

    private void ensureTopic() {
        if (!topicReady) {
            admin.createOrModifyTopics(reactionEventsTopic());
            topicReady = true;
        }
    }

    private record Sending(Outgoing outgoing, CompletableFuture<?> acknowledged) {
        Mono<Outcome> outcome() {
            return Mono.fromFuture(acknowledged, true).thenReturn(new Outcome(outgoing, null))
                    .onErrorResume(failure -> Mono.just(new Outcome(outgoing, failure)));
        }
    }

    private record Outcome(Outgoing outgoing, Throwable failure) {
        boolean sent() {
            return failure == null;
        }
    }

    private record Outgoing(UserFilm document, PendingEvent event) {
        ReactionEvent toEvent() {
            return new ReactionEvent(event.eventId(), document.userId(), document.filmId(), event.type(), event.occurredAt(),
                    event.version());
        }
    }
}
