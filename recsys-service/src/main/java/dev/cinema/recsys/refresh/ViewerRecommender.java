package dev.cinema.recsys.refresh;

import dev.cinema.recsys.llm.LlmRecommender;
import dev.cinema.recsys.llm.LlmRefresh;
import dev.cinema.recsys.profile.Profile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A viewer's recommendations, as they are served: the LLM's films first ({@link LlmRefresh}: its
 * ranking of candidates drawn from the built-in list and the ranking, asked again only when the
 * viewer's reactions changed), then the built-in recommender's list, made anew at every refresh.
 * Not for a "more like this" seed: the built-in recommender answers that at once. The LLM failing
 * or off leaves the built-in recommender's list alone.
 */
@Component
public class ViewerRecommender {

    private static final Logger log = LoggerFactory.getLogger(ViewerRecommender.class);

    /**
     * A refresh's recommendations.
     *
     * @param dueBy when the viewer should be refreshed again at the latest, for the LLM (null: as usual)
     */
    public record Refresh(List<Recommendation> recommendations, Instant dueBy) {
    }

    private final BuiltInRecommender builtIn;
    private final LlmRecommender llm;
    private final LlmRefresh llmRefresh;
    private final Counter llmFailed;

    ViewerRecommender(BuiltInRecommender builtIn, LlmRecommender llm, LlmRefresh llmRefresh, MeterRegistry meters) {
        this.builtIn = builtIn;
        this.llm = llm;
        this.llmRefresh = llmRefresh;
        this.llmFailed = meters.counter("recsys.llm.fallback");
    }

    /** What a refresh stores: the LLM's part as its cadence and budget allow, then the built-in list. */
    public Mono<Refresh> refresh(Profile profile, UUID seed, int limit) {
        return builtIn.recommend(profile, seed, limit).flatMap(then -> (seed != null ? Mono.just(LlmRefresh.Part.NONE) : llmRefresh.of(profile, then))
                .map(part -> new Refresh(merged(part.films(), then, limit), part.askAt())));
    }

    /** The LLM asked now, whatever its cadence, then the built-in list: what the offline evaluation measures. */
    public Mono<List<Recommendation>> recommend(Profile profile, UUID seed, int limit) {
        return builtIn.recommend(profile, seed, limit).flatMap(then -> {
            Mono<List<Recommendation>> fromLlm = seed != null ? Mono.just(List.of()) : llm.recommend(profile, then)
                    .onErrorResume(failure -> {
                        llmFailed.increment();
                        log.info("LLM for {}: {}; the built-in recommender answers", profile.userId(), failure.toString());
                        return Mono.just(List.of());
                    });
            return fromLlm.map(first -> merged(first, then, limit));
        });
    }

    private static List<Recommendation> merged(List<Recommendation> first, List<Recommendation> then, int limit) {
        Map<UUID, Recommendation> merged = new LinkedHashMap<>();
        first.forEach(recommendation -> merged.putIfAbsent(recommendation.filmId(), recommendation));
        then.forEach(recommendation -> merged.putIfAbsent(recommendation.filmId(), recommendation));
        return merged.values().stream().limit(limit).toList();
    }

    public boolean llmEnabled() {
        return llm.enabled();
    }
}
