package dev.cinema.recsys.llm;

import dev.cinema.recsys.catalog.Catalog;
import dev.cinema.recsys.catalog.CatalogFilm;
import dev.cinema.recsys.profile.Profile;
import dev.cinema.recsys.refresh.Recommendation;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Recommendations from the LLM chosen by {@code recsys.llm.provider} (gigachat, openai, none): the
 * viewer's films go into the {@link Prompt} as titles with years, the suggested titles are looked
 * up in the catalog ({@link TitleMatcher}), and only films found there, and not already liked,
 * disliked or excluded, are kept. A failed call is an error: the caller falls back to the built-in
 * recommender.
 */
@Component
@EnableConfigurationProperties(LlmSettings.class)
public class LlmRecommender {

    private static final Logger log = LoggerFactory.getLogger(LlmRecommender.class);
    private static final int PROMPT_FILMS = 30;
    private static final int MATCHES_AT_ONCE = 5;

    private final Catalog catalog;
    private final TitleMatcher matcher;
    private final LlmSettings settings;
    private final LlmClient client;

    LlmRecommender(Catalog catalog, TitleMatcher matcher, LlmSettings settings, MeterRegistry meters) {
        this.catalog = catalog;
        this.matcher = matcher;
        this.settings = settings;
        LlmProvider provider = switch (settings.provider()) {
            case "gigachat" -> new GigaChatProvider(settings);
            case "openai" -> new OpenAiProvider(settings);
            case "none", "" -> null;
            default -> throw new IllegalArgumentException("recsys.llm.provider must be gigachat, openai or none; got " + settings.provider());
        };
        this.client = provider == null ? null : new LlmClient(provider, settings, meters);
        log.info("LLM provider: {}", provider == null ? "none (the built-in recommender only)" : provider.name());
    }

    public boolean enabled() {
        return client != null;
    }

    public Mono<List<Recommendation>> recommend(Profile profile) {
        if (client == null || profile.coldStart()) {
            return Mono.just(List.of());
        }
        List<UUID> liked = profile.liked().stream().limit(PROMPT_FILMS).toList();
        List<UUID> disliked = profile.disliked().stream().limit(PROMPT_FILMS).toList();
        List<UUID> excluded = profile.excluded().stream().limit(PROMPT_FILMS).toList();
        Set<UUID> all = new HashSet<>(liked);
        all.addAll(disliked);
        all.addAll(excluded);
        return catalog.films(all, false).flatMap(found -> {
            Map<UUID, CatalogFilm> films = found.stream().collect(Collectors.toMap(film -> UUID.fromString(film.id()), Function.identity()));
            List<String> likedTitles = titles(liked, films);
            Prompt prompt = Prompt.of(likedTitles, titles(disliked, films), titles(excluded, films), settings.suggestions());
            Set<UUID> known = profile.known();
            return client.suggest(prompt)
                    .flatMapMany(suggestions -> Flux.fromIterable(suggestions)
                            .flatMapSequential(suggestion -> matcher.match(suggestion).map(match -> new Matched(suggestion, match)),
                                    MATCHES_AT_ONCE))
                    .filter(matched -> matched.film().isPresent() && !known.contains(UUID.fromString(matched.film().get().id())))
                    .map(matched -> new Recommendation(UUID.fromString(matched.film().get().id()), Recommendation.LLM,
                            reason(matched.suggestion(), likedTitles)))
                    .distinct(Recommendation::filmId)
                    .collectList();
        });
    }

    private record Matched(SuggestedFilm suggestion, Optional<CatalogFilm> film) {
    }

    private static List<String> titles(List<UUID> ids, Map<UUID, CatalogFilm> films) {
        return ids.stream().map(films::get).filter(film -> film != null && film.title() != null).map(CatalogFilm::titleWithYear).toList();
    }

    /** "because you liked Alien" when the LLM named one of the viewer's likes, else a plain reason. */
    static String reason(SuggestedFilm suggestion, List<String> likedTitles) {
        if (suggestion.because() != null) {
            for (String liked : likedTitles) {
                String title = liked.replaceFirst(" \\(\\d{4}\\)$", "");
                if (TitleMatcher.similarity(suggestion.because().replaceFirst(" \\(\\d{4}\\)$", ""), title) >= TitleMatcher.MIN_SIMILARITY) {
                    return "because you liked " + title;
                }
            }
        }
        return "picked for your taste";
    }
}
