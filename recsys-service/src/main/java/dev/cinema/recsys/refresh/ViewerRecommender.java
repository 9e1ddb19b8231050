package dev.cinema.recsys.refresh;

import dev.cinema.recsys.llm.LlmRecommender;
import dev.cinema.recsys.profile.Profile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A viewer's recommendations, as they are served: the LLM's films found in the catalog first (not
 * for a "more like this" seed: the built-in recommender answers that at once), then the built-in
 * recommender's; the LLM failing or off leaves the built-in recommender's alone.
 */
@Component
public class ViewerRecommender {

    private static final Logger log = LoggerFactory.getLogger(ViewerRecommender.class);

    private final BuiltInRecommender builtIn;
    private final LlmRecommender llm;
    private final Counter llmFailed;

    ViewerRecommender(BuiltInRecommender builtIn, LlmRecommender llm, MeterRegistry meters) {
        this.builtIn = builtIn;
        this.llm = llm;
        this.llmFailed = meters.counter("recsys.llm.fallback");
    }

    public Mono<List<Recommendation>> recommend(Profile profile, UUID seed, int limit) {
        Mono<List<Recommendation>> fromLlm = seed != null ? Mono.just(List.of()) : llm.recommend(profile)
                .onErrorResume(failure -> {
                    llmFailed.increment();
                    log.info("LLM for {}: {}; the built-in recommender answers", profile.userId(), failure.toString());
                    return Mono.just(List.of());
                });
        return fromLlm.zipWith(builtIn.recommend(profile, seed, limit), (first, then) -> {
            Map<UUID, Recommendation> merged = new LinkedHashMap<>();
            first.forEach(recommendation -> merged.putIfAbsent(recommendation.filmId(), recommendation));
            then.forEach(recommendation -> merged.putIfAbsent(recommendation.filmId(), recommendation));
            return merged.values().stream().limit(limit).toList();
        });
    }

    public boolean llmEnabled() {
        return llm.enabled();
    }
}
