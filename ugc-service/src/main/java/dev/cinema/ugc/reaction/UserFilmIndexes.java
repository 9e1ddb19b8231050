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

/** The indexes behind the listings and the film counts. */
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
                        indexes.createIndex(new Index().on("filmId", Sort.Direction.ASC).on("value", Sort.Direction.ASC)))
                .retryWhen(reactor.util.retry.Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(name -> log.debug("index {} ready", name));
    }
}
