package dev.cinema.recsys.llm;

import dev.cinema.recsys.profile.Profile;
import dev.cinema.recsys.refresh.Recommendation;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Recommendations from the LLM chosen by {@code recsys.llm.provider} (gigachat, openai, none): it is
 * given catalog candidates ({@link Prompts}) and answers with the ones it picks, in its order, and a
 * few discoveries by title, looked up in the catalog ({@link TitleMatcher}). Only catalog films the
 * viewer has not liked, disliked or excluded are kept. A failed call is an error: the caller keeps
 * the built-in recommender's list.
 */
@Component
@EnableConfigurationProperties(LlmSettings.class)
public class LlmRecommender {

    private static final Logger log = LoggerFactory.getLogger(LlmRecommender.class);
    private static final int MATCHES_AT_ONCE = 5;
    static final String PLAIN_REASON = "picked for your taste";

    private final Prompts prompts;
    private final TitleMatcher matcher;
    private final LlmBudget budget;
    private final LlmMetrics metrics;
    private final LlmClient client;

    LlmRecommender(Prompts prompts, TitleMatcher matcher, LlmBudget budget, LlmSettings settings, LlmMetrics metrics, MeterRegistry meters) {
        this.prompts = prompts;
        this.matcher = matcher;
        this.budget = budget;
        this.metrics = metrics;
        LlmProvider provider = switch (settings.provider()) {
            case "gigachat" -> new GigaChatProvider(settings);
            case "openai" -> new OpenAiProvider(settings);
            case "none", "" -> null;
            default -> throw new IllegalArgumentException("recsys.llm.provider must be gigachat, openai or none; got " + settings.provider());
        };
        this.client = provider == null ? null : new LlmClient(provider, budget::reserveCallNow, settings, meters);
        log.info("LLM provider: {}", provider == null ? "none (the built-in recommender only)" : provider.name());
    }

    public boolean enabled() {
        return client != null;
    }

    /** The LLM's ranking of the viewer's candidates, drawn from {@code builtIn} and the ranking; none for a viewer without likes. */
    public Mono<List<Recommendation>> recommend(Profile profile, List<Recommendation> builtIn) {
        if (client == null || profile.coldStart()) {
            return Mono.just(List.of());
        }
        return prompts.of(profile, builtIn).flatMap(prompt -> client.ask(prompt)
                .doOnNext(metrics::answered)
                // the tokens are spent whatever the answer holds
                .flatMap(answer -> budget.spent(answer.usage().total()).onErrorResume(failure -> Mono.empty()).thenReturn(answer))
                .map(answer -> {
                    AnswerReader.Ranking ranking = AnswerReader.read(answer, prompt);
                    metrics.read(ranking);
                    return ranking;
                })
                .doOnError(failure -> metrics.failed(LlmMetrics.cause(failure)))
                .flatMap(ranking -> recommendations(ranking, profile)));
    }

    /** The picks in the model's order, then the discoveries found in the catalog that the viewer does not know. */
    private Mono<List<Recommendation>> recommendations(AnswerReader.Ranking ranking, Profile profile) {
        List<Recommendation> picked = new ArrayList<>();
        Set<UUID> shown = new HashSet<>(profile.known());
        for (AnswerReader.Pick pick : ranking.picks()) {
            if (shown.add(pick.film().filmId())) {
                picked.add(new Recommendation(pick.film().filmId(), Recommendation.LLM, reason(pick.because())));
            }
        }
        return Flux.fromIterable(ranking.discoveries())
                .flatMapSequential(discovery -> matcher.match(discovery.film())
                        .flatMap(found -> found
                                .map(film -> Mono.just(new Recommendation(UUID.fromString(film.id()), Recommendation.LLM, reason(discovery.because()))))
                                .orElseGet(() -> {
                                    metrics.discovery("not-found");
                                    return Mono.empty();
                                }))
                        // a lookup that failed costs that discovery, not the picks
                        .onErrorResume(failure -> {
                            metrics.discovery("lookup-failed");
                            return Mono.empty();
                        }), MATCHES_AT_ONCE)
                .filter(discovered -> {
                    boolean fresh = shown.add(discovered.filmId());
                    metrics.discovery(fresh ? "matched" : "known");
                    return fresh;
                })
                .collectList()
                .map(discovered -> {
                    picked.addAll(discovered);
                    return picked;
                });
    }

    /** "because you liked Alien" when the model named one of the viewer's likes, else a plain reason. */
    private static String reason(ListedFilm because) {
        return because == null ? PLAIN_REASON : "because you liked " + because.title();
    }
}
