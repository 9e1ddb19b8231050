package dev.cinema.recsys.llm;

import dev.cinema.recsys.profile.Profile;
import dev.cinema.recsys.profile.Profiles;
import dev.cinema.recsys.refresh.Recommendation;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The LLM's part of a viewer's refresh: asked only when {@link LlmCadence} says so and the daily
 * {@link LlmBudget} allows (checked by the client as the call is made); otherwise its last answer stands (without the films the viewer has
 * given a verdict on since), while the built-in part beside it follows every new like at once. A
 * call that fails leaves the last answer too; the changes stay and it is tried again later.
 */
@Component
public class LlmRefresh {

    private static final Logger log = LoggerFactory.getLogger(LlmRefresh.class);

    /**
     * @param films  the LLM's films, to come first
     * @param askAt  when the viewer should be refreshed again for the LLM (null: only a change makes it worth it)
     */
    public record Part(List<Recommendation> films, Instant askAt) {
        public static final Part NONE = new Part(List.of(), null);
    }

    private final LlmRecommender llm;
    private final LlmAnswers answers;
    private final Profiles profiles;
    private final LlmSettings settings;
    private final MeterRegistry meters;

    LlmRefresh(LlmRecommender llm, LlmAnswers answers, Profiles profiles, LlmSettings settings, MeterRegistry meters) {
        this.llm = llm;
        this.answers = answers;
        this.profiles = profiles;
        this.settings = settings;
        this.meters = meters;
    }

    public Mono<Part> of(Profile profile, List<Recommendation> builtIn) {
        if (!llm.enabled() || profile.coldStart()) {
            return Mono.just(Part.NONE);
        }
        Instant now = Instant.now();
        return answers.state(profile.userId()).flatMap(state -> {
            LlmCadence.Decision decision = LlmCadence.decide(settings.cadence(), state, now);
            if (!decision.ask()) {
                return Mono.just(skipped(decision.reason(), state, profile, decision.askAt()));
            }
            // The profile read again, after the state: it holds at least the changes this answer takes
            // away (a change applied since the round read its profiles would otherwise be taken away unseen).
            return profiles.profile(profile.userId())
                    .flatMap(current -> llm.recommend(current, builtIn))
                    .flatMap(films -> answers.answered(profile.userId(), films, state.changes()).thenReturn(new Part(films, null)))
                    .onErrorResume(LlmFailure.OverBudget.class, overBudget -> Mono.just(skipped("budget", state, profile, null)))
                    .onErrorResume(failure -> {
                        meters.counter("recsys.llm.fallback").increment();
                        log.info("LLM for {}: {}; its last answer and the built-in recommender answer", profile.userId(), failure.toString());
                        return answers.failed(profile.userId()).onErrorResume(unrecorded -> Mono.empty())
                                .thenReturn(new Part(standing(state, profile), now.plus(settings.cadence().retryAfterFailure())));
                    });
        });
    }

    /** A call the cadence or the budget saved; the last answer stands. */
    private Part skipped(String reason, LlmState state, Profile profile, Instant askAt) {
        meters.counter("recsys.llm.skipped", "reason", reason).increment();
        return new Part(standing(state, profile), askAt);
    }

    /** The last answer, without the films the viewer has given a verdict on since. */
    private static List<Recommendation> standing(LlmState state, Profile profile) {
        Set<UUID> known = profile.known();
        return state.answer().stream().filter(film -> !known.contains(film.filmId())).toList();
    }
}
