package dev.cinema.ugc.reaction;

import dev.cinema.ugc.outbox.EventType;
import dev.cinema.ugc.outbox.PendingEvent;
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

import java.time.Instant;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The writes of reactions, exclusions and "more like this". Each is ONE conditional update of the
 * viewer's document for the film that also pushes the event into its outbox; a request that
 * changes nothing matches no document and writes nothing, so it emits no event either.
 */
@Component
class UserFilms {

    private static final FindAndModifyOptions UPSERT_RETURN_NEW = FindAndModifyOptions.options().upsert(true).returnNew(true);
    private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

    private final ReactiveMongoTemplate mongo;

    UserFilms(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The document after the reaction: changed now, or already so. */
    Mono<UserFilm> react(UUID user, UUID film, ReactionValue value) {
        Instant now = Instant.now();
        Query notYet = byId(user, film).addCriteria(where("value").ne(value));
        Update update = withEvent(user, film, value.event).set("value", value).set("reactedAt", now);
        return upsertUnlessSame(user, film, notYet, update);
    }

    /** The document without its reaction, or empty when there was none. */
    Mono<UserFilm> removeReaction(UUID user, UUID film) {
        Query hasOne = byId(user, film).addCriteria(where("value").ne(null));
        Update update = withEvent(user, film, EventType.REACTION_REMOVED).unset("value").unset("reactedAt");
        return mongo.findAndModify(hasOne, update, RETURN_NEW, UserFilm.class);
    }

    Mono<UserFilm> exclude(UUID user, UUID film) {
        Query notYet = byId(user, film).addCriteria(where("excluded").ne(true));
        Update update = withEvent(user, film, EventType.EXCLUDED).set("excluded", true).set("excludedAt", Instant.now());
        return upsertUnlessSame(user, film, notYet, update);
    }

    Mono<UserFilm> removeExclusion(UUID user, UUID film) {
        Query excluded = byId(user, film).addCriteria(where("excluded").is(true));
        Update update = withEvent(user, film, EventType.EXCLUSION_REMOVED).set("excluded", false).unset("excludedAt");
        return mongo.findAndModify(excluded, update, RETURN_NEW, UserFilm.class);
    }

    /** Every press is an event: the viewer asks again. */
    Mono<UserFilm> moreLikeThis(UUID user, UUID film) {
        return mongo.findAndModify(byId(user, film), withEvent(user, film, EventType.MORE_LIKE_THIS), UPSERT_RETURN_NEW, UserFilm.class);
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
     * When the condition fails the upsert tries to insert a second document with the same id and
     * MongoDB refuses: the state was already so, and the stored document is the answer.
     */
    private Mono<UserFilm> upsertUnlessSame(UUID user, UUID film, Query condition, Update update) {
        return mongo.findAndModify(condition, update, UPSERT_RETURN_NEW, UserFilm.class)
                .onErrorResume(DuplicateKeyException.class, alreadySo -> mongo.findById(UserFilm.id(user, film), UserFilm.class));
    }

    private static Query byId(UUID user, UUID film) {
        return Query.query(where("_id").is(UserFilm.id(user, film)));
    }

    private static Criteria reactionsOf(UUID user, ReactionValue value) {
        return value == null ? where("userId").is(user).and("value").ne(null) : where("userId").is(user).and("value").is(value);
    }

    private static Update withEvent(UUID user, UUID film, EventType type) {
        return new Update().set("userId", user).set("filmId", film).set("pending", true).push("outbox", PendingEvent.now(type));
    }
}
