package dev.cinema.ugc.reaction;

import dev.cinema.ugc.outbox.EventType;
import dev.cinema.ugc.outbox.PendingEvent;
import dev.cinema.ugc.outbox.WrittenOutboxes;
import org.springframework.dao.DuplicateKeyException;
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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The writes of reactions, exclusions and "more like this". Each change is ONE update of the
 * viewer's document for the film that also pushes the event into its outbox; a request that
 * changes nothing writes nothing, so it emits no event either.
 */
@Component
class UserFilms {

    private static final FindAndModifyOptions UPSERT_RETURN_NEW = FindAndModifyOptions.options().upsert(true).returnNew(true);
    private static final FindAndModifyOptions UPSERT_RETURN_OLD = FindAndModifyOptions.options().upsert(true).returnNew(false);
    private static final FindAndModifyOptions RETURN_OLD = FindAndModifyOptions.options().returnNew(false);

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
        return change(user, film, value.event, current -> current != null && current.value() == value, true,
                update -> update.set("value", value).set("reactedAt", now),
                before -> new UserFilm(UserFilm.id(user, film), user, film, value, now,
                        before == null ? Boolean.FALSE : before.excluded(), before == null ? null : before.excludedAt(), null));
    }

    /** The document without its reaction, or empty when there was none. */
    Mono<UserFilm> removeReaction(UUID user, UUID film) {
        return change(user, film, EventType.REACTION_REMOVED, current -> current == null || current.value() == null, false,
                update -> update.unset("value").unset("reactedAt"), before -> before);
    }

    Mono<UserFilm> exclude(UUID user, UUID film) {
        Instant now = Instant.now();
        return change(user, film, EventType.EXCLUDED, current -> current != null && Boolean.TRUE.equals(current.excluded()), true,
                update -> update.set("excluded", true).set("excludedAt", now),
                before -> new UserFilm(UserFilm.id(user, film), user, film, before == null ? null : before.value(),
                        before == null ? null : before.reactedAt(), true, now, null));
    }

    Mono<UserFilm> removeExclusion(UUID user, UUID film) {
        return change(user, film, EventType.EXCLUSION_REMOVED, current -> current == null || !Boolean.TRUE.equals(current.excluded()),
                false, update -> update.set("excluded", false).unset("excludedAt"), before -> before);
    }

    /** Every press is an event: the viewer asks again. */
    Mono<UserFilm> moreLikeThis(UUID user, UUID film) {
        return mongo.findAndModify(byId(user, film), withEvent(user, film, PendingEvent.now(EventType.MORE_LIKE_THIS)),
                        UPSERT_RETURN_NEW, UserFilm.class)
                .retryWhen(Retry.max(1).filter(DuplicateKeyException.class::isInstance))
                .doOnNext(written -> writtenOutboxes.written(written.id()));
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

    Mono<Long> count(UUID film, ReactionValue value) {
        return mongo.count(Query.query(where("filmId").is(film).and("value").is(value)), UserFilm.class);
    }

    /**
     * Changes the document unless it is already so, writing the change and its event in one
     * update. Every query is by {@code _id} alone: mongo-java-server uses its unique index only for
     * a query of exactly the indexed keys, and a conditional filter would scan the collection.
     * Requests for one document take turns in this instance; two identical requests at once on two
     * instances both see the old state and both write, and the one whose update found the state
     * already changed takes its event back out, so one event remains.
     *
     * @param alreadySo  whether a document (null: none) is already in the state asked for
     * @param after      the document as this change leaves it, from the document before it
     */
    private Mono<UserFilm> change(UUID user, UUID film, EventType type, Predicate<UserFilm> alreadySo, boolean createIfMissing,
                                  UnaryOperator<Update> stateChange, Function<UserFilm, UserFilm> after) {
        String id = UserFilm.id(user, film);
        return oneAtATime.run(id, () -> mongo.findById(id, UserFilm.class).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(current -> {
            if (alreadySo.test(current.orElse(null))) {
                return Mono.justOrEmpty(current);
            }
            PendingEvent event = PendingEvent.now(type);
            Update update = stateChange.apply(withEvent(user, film, event));
            return mongo.findAndModify(byId(user, film), update, createIfMissing ? UPSERT_RETURN_OLD : RETURN_OLD, UserFilm.class)
                    .retryWhen(Retry.max(1).filter(DuplicateKeyException.class::isInstance))
                    .map(Optional::of).defaultIfEmpty(Optional.empty())
                    .flatMap(before -> {
                        if (before.isEmpty() && !createIfMissing) {
                            return Mono.empty();
                        }
                        writtenOutboxes.written(id);
                        if (alreadySo.test(before.orElse(null))) {
                            return mongo.updateFirst(byId(user, film), new Update().pull("outbox",
                                    Query.query(where("eventId").is(event.eventId()))), UserFilm.class).thenReturn(before.get());
                        }
                        return Mono.justOrEmpty(after.apply(before.orElse(null)));
                    });
        }));
    }

    private static Query byId(UUID user, UUID film) {
        return Query.query(where("_id").is(UserFilm.id(user, film)));
    }

    private static Criteria reactionsOf(UUID user, ReactionValue value) {
        return value == null ? where("userId").is(user).and("value").ne(null) : where("userId").is(user).and("value").is(value);
    }

    private static Update withEvent(UUID user, UUID film, PendingEvent event) {
        return new Update().set("userId", user).set("filmId", film).push("outbox", event);
    }
}
