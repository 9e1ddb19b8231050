package dev.cinema.recsys.collaborative;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

/**
 * The collaborative model in the health details: its version and age, and {@code stale} when it is
 * older than {@code RECSYS_MODEL_MAX_AGE} (the training has not succeeded for that long). Always
 * UP: without a model, or with an old one, recommendations are still served.
 */
@Component("model")
class ModelHealth implements ReactiveHealthIndicator {

    private final ServingModel serving;
    private final ModelSettings settings;

    ModelHealth(ServingModel serving, ModelSettings settings) {
        this.serving = serving;
        this.settings = settings;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> serving.current()
                .map(model -> {
                    Duration age = Duration.between(model.trainedAt(), Instant.now());
                    return Health.up().withDetail("version", model.version()).withDetail("trainedAt", model.trainedAt().toString())
                            .withDetail("ageSeconds", age.toSeconds()).withDetail("stale", age.compareTo(settings.maxAge()) > 0)
                            .withDetail("films", model.factors().films()).build();
                })
                .orElseGet(() -> Health.up().withDetail("version", "none: co-likes and content until the first training").build()));
    }
}
