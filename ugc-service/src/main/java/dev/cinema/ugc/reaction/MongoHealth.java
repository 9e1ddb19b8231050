package dev.cinema.ugc.reaction;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * MongoDB's health by {@code ping}. Boot's own indicator asks {@code hello}, which the embedded
 * mongo-java-server does not know (it is turned off in application.yml).
 */
@Component("mongo")
class MongoHealth implements ReactiveHealthIndicator {

    private final ReactiveMongoTemplate mongo;

    MongoHealth(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Health> health() {
        return mongo.executeCommand(new Document("ping", 1))
                .map(answer -> Health.up().build())
                .timeout(Duration.ofSeconds(2))
                .onErrorResume(down -> Mono.just(Health.down().withDetail("error", down.getClass().getSimpleName()).build()));
    }
}
