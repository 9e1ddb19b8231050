package dev.cinema.ugc.reaction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;

/**
 * The indexes behind the listings, the film counts and the versioned writes. The one on {@code _id}
 * and {@code version} adds nothing to MongoDB's own {@code _id} index, but mongo-java-server uses an
 * index only for a query of exactly its keys, and every change queries both ({@link UserFilms}).
 */
@Component
class UserFilmIndexes {

    private static final Logger log = LoggerFactory.getLogger(UserFilmIndexes.class);

    private final ReactiveMongoTemplate mongo;

    UserFilmIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        var indexes = mongo.indexOps(UserFilm.class);
        Flux.concat(
                        indexes.createIndex(new Index().on("userId", Sort.Direction.ASC).on("reactedAt", Sort.Direction.DESC)),
                        indexes.createIndex(new Index().on("userId", Sort.Direction.ASC)),
                        indexes.createIndex(new Index().on("filmId", Sort.Direction.ASC).on("value", Sort.Direction.ASC)),
                        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique()))
                .retryWhen(reactor.util.retry.Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(name -> log.debug("index {} ready", name));
    }
}
