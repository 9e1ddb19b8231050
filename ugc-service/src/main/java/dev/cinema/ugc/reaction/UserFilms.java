package dev.cinema.ugc.reaction;

import dev.cinema.ugc.outbox.EventType;
import dev.cinema.ugc.outbox.PendingEvent;
import dev.cinema.ugc.outbox.WrittenOutboxes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The writes of reactions, exclusions and "more like this". Each change is ONE update of the
 * viewer's document for the film that also puts the event into its outbox; a request that
 * changes nothing writes nothing, so it emits no event either. Safe with many instances: see
 * {@link #change}.
 */
@Component
class UserFilms {

    private static final FindAndModifyOptions CREATE_RETURN_NEW = FindAndModifyOptions.options().upsert(true).returnNew(true);
    private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);
    /** Tries of one change against writes of other instances before it gives up (a 503). */
    private static final int ATTEMPTS = 8;

    private final ReactiveMongoTemplate mongo;
    private final WrittenOutboxes writtenOutboxes;
    private final OneAtATime oneAtATime = new OneAtATime();

    UserFilms(ReactiveMongoTemplate mongo, WrittenOutboxes writtenOutboxes) {
        this.mongo = mongo;
        this.writtenOutboxes = writtenOutboxes;
    }

    /** The document after the reaction: changed now, or already so. */
    Mono<UserFilm> react(UUID user, UUID film, ReactionValue value) {
        Instant now = Instant.now();
        return change(user, film, new Change(value.event, current -> current != null && current.value() == value,
                update -> update.set("value", value).set("reactedAt", now)));
    }

    /** The document without its reaction (its tombstone), or empty when there was no document. */
    Mono<UserFilm> removeReaction(UUID user, UUID film) {
        return change(user, film, new Change(EventType.REACTION_REMOVED, current -> current == null || current.value() == null,
                update -> update.unset("value").unset("reactedAt")));
    }

    Mono<UserFilm> exclude(UUID user, UUID film) {
        Instant now = Instant.now();
        return change(user, film, new Change(EventType.EXCLUDED, current -> current != null && current.isExcluded(),
                update -> update.set("excluded", true).set("excludedAt", now)));
    }

    Mono<UserFilm> removeExclusion(UUID user, UUID film) {
        return change(user, film, new Change(EventType.EXCLUSION_REMOVED, current -> current == null || !current.isExcluded(),
                update -> update.set("excluded", false).unset("excludedAt")));
    }

    /** Every press is an event: the viewer asks again. */
    Mono<UserFilm> moreLikeThis(UUID user, UUID film) {
        return change(user, film, new Change(EventType.MORE_LIKE_THIS, current -> false, UnaryOperator.identity()));
    }

    Flux<UserFilm> reactions(UUID user, ReactionValue value, int page, int size) {
        Query query = Query.query(reactionsOf(user, value)).with(Sort.by(Sort.Direction.DESC, "reactedAt"))
                .skip((long) page * size).limit(size);
        return mongo.find(query, UserFilm.class);
    }

    Mono<Long> countReactions(UUID user, ReactionValue value) {
        return mongo.count(Query.query(reactionsOf(user, value)), UserFilm.class);
    }

    Flux<UserFilm> exclusions(UUID user, int page, int size) {
        Query query = Query.query(where("userId").is(user).and("excluded").is(true))
                .with(Sort.by(Sort.Direction.DESC, "excludedAt")).skip((long) page * size).limit(size);
        return mongo.find(query, UserFilm.class);
    }

    Mono<Long> countExclusions(UUID user) {
        return mongo.count(Query.query(where("userId").is(user).and("excluded").is(true)), UserFilm.class);
    }

    /**
     * The films the viewer's feed must not offer again: liked, disliked or excluded. Asked by {@code userId} alone, the keys of an index
     * ({@link UserFilmIndexes}; mongo-java-server uses an index only for exactly its keys), and
     * filtered here: a viewer's documents are few.
     */
    Flux<UserFilm> hidden(UUID user) {
        Query query = Query.query(where("userId").is(user));
        query.fields().include("filmId", "value", "excluded");
        return mongo.find(query, UserFilm.class)
                .filter(document -> document.value() != null || document.isExcluded());
    }

    Mono<Long> count(UUID film, ReactionValue value) {
        return mongo.count(Query.query(where("filmId").is(film).and("value").is(value)), UserFilm.class);
    }

    /**
     * Changes the document unless it is already so, writing the change, the next version and the
     * event carrying that version in one update, made only if the document is still as it was read
     * (same version, or still absent); otherwise it is read again and the change decided anew. So
     * each version is made by exactly one change, whichever instance made it, and a request that
     * finds the document already so writes nothing and emits nothing. Requests for one document take
     * turns in this instance, so only requests on other instances can make a write miss.
     */
    private Mono<UserFilm> change(UUID user, UUID film, Change change) {
        String id = UserFilm.id(user, film);
        return oneAtATime.run(id, () -> Mono.defer(() -> mongo.findById(id, UserFilm.class)
                        .map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(current -> change.alreadySo().test(current.orElse(null))
                                ? Mono.justOrEmpty(current)
                                : write(user, film, current.orElse(null), change)))
                .retryWhen(Retry.max(ATTEMPTS - 1).filter(ChangedMeanwhile.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> new OptimisticLockingFailureException(
                                "the reaction to film " + film + " kept changing on other instances; not saved"))));
    }

    private Mono<UserFilm> write(UUID user, UUID film, UserFilm current, Change change) {
        String id = UserFilm.id(user, film);
        long version = current == null || current.version() == null ? 1 : current.version() + 1;
        Update update = change.state().apply(new Update().set("userId", user).set("filmId", film).set("version", version)
                .set("outbox", outboxWith(current, PendingEvent.of(change.type(), version))));
        return mongo.findAndModify(asRead(id, current), update, current == null ? CREATE_RETURN_NEW : RETURN_NEW, UserFilm.class)
                .onErrorMap(DuplicateKeyException.class, created -> new ChangedMeanwhile())
                .switchIfEmpty(Mono.error(ChangedMeanwhile::new))
                .doOnNext(written -> writtenOutboxes.written(id));
    }

    /**
     * The outbox with the new event, without the unpublished events it supersedes: a document holds
     * at most one event per subject, so a viewer toggling a film while Kafka is away (or faster than
     * the relay publishes) does not grow it, and every update of it stays as small. An event the
     * relay has published since the read may come back with the others and go again: consumers drop
     * it by its id.
     */
    private static List<PendingEvent> outboxWith(UserFilm current, PendingEvent event) {
        List<PendingEvent> outbox = new ArrayList<>();
        if (current != null) {
            current.outbox().stream().filter(pending -> !event.type().supersedes(pending.type())).forEach(outbox::add);
        }
        outbox.add(event);
        return outbox;
    }

    /**
     * The document as it was read. A missing one is looked for as version 0, which no document has:
     * the upsert then creates it, or fails on the duplicate id when another instance just did. The
     * query names exactly the keys of an index ({@link UserFilmIndexes}): mongo-java-server uses an
     * index only then, and would scan the collection otherwise. Documents from before versions have
     * none: their first change scans once.
     */
    private static Query asRead(String id, UserFilm current) {
        if (current != null && current.version() == null) {
            return Query.query(where("_id").is(id).and("version").exists(false));
        }
        return Query.query(where("_id").is(id).and("version").is(current == null ? 0L : current.version()));
    }

    private static Criteria reactionsOf(UUID user, ReactionValue value) {
        return value == null ? where("userId").is(user).and("value").ne(null) : where("userId").is(user).and("value").is(value);
    }

    /**
     * What a request asks of a document.
     *
     * @param alreadySo whether a document (null: none yet) is already as asked, so nothing is written
     * @param state     the update of the document's fields that makes it so
     */
    private record Change(EventType type, Predicate<UserFilm> alreadySo, UnaryOperator<Update> state) {
    }

    /** The document was changed (or created) by another instance since it was read. */
    private static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile() {
            super(null, null, false, false);
        }
    }
}
