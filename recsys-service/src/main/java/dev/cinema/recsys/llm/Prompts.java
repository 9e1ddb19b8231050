package dev.cinema.recsys.llm;

import dev.cinema.recsys.catalog.CachedFilms;
import dev.cinema.recsys.catalog.Catalog;
import dev.cinema.recsys.catalog.CatalogFilm;
import dev.cinema.recsys.profile.Profile;
import dev.cinema.recsys.refresh.Recommendation;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A viewer's prompt: their recent likes, dislikes and exclusions, and {@code candidates} catalog
 * films to rank: three quarters from the built-in recommender's list (the collaborative model's
 * picks and the content neighbours, or similarity and co-likes), the rest, and whatever that list
 * lacks, from the top of the ranking; never a film the viewer gave a verdict on. The candidates are
 * shuffled before they get their keys: models favour what comes first (Hou et al., ECIR 2024), and
 * the built-in order would otherwise pass for the answer.
 */
@Component
class Prompts {

    /** The likes that describe the taste: the most recent ones. */
    static final int PROMPT_FILMS = 30;

    private final Catalog catalog;
    private final CachedFilms cachedFilms;
    private final LlmSettings settings;

    Prompts(Catalog catalog, CachedFilms cachedFilms, LlmSettings settings) {
        this.catalog = catalog;
        this.cachedFilms = cachedFilms;
        this.settings = settings;
    }

    Mono<Prompt> of(Profile profile, List<Recommendation> builtIn) {
        List<UUID> liked = profile.liked().stream().limit(PROMPT_FILMS).toList();
        List<UUID> disliked = profile.disliked().stream().limit(PROMPT_FILMS).toList();
        List<UUID> excluded = profile.excluded().stream().limit(PROMPT_FILMS).toList();
        Set<UUID> known = profile.known();
        List<UUID> fromBuiltIn = builtIn.stream().map(Recommendation::filmId).filter(film -> !known.contains(film)).distinct()
                .limit(settings.candidates() * 3L / 4).toList();
        Set<UUID> read = new HashSet<>(liked);
        read.addAll(disliked);
        read.addAll(excluded);
        read.addAll(fromBuiltIn);
        Set<UUID> notCandidates = new HashSet<>(known);
        notCandidates.addAll(fromBuiltIn);
        // without the ranking's films (a search that failed) the built-in list's candidates are enough to ask
        Mono<List<CatalogFilm>> topRanked = catalog.topRanked(notCandidates, settings.candidates()).onErrorResume(failure -> Mono.just(List.of()));
        return Mono.zip(cachedFilms.films(read), topRanked)
                .map(films -> {
                    Map<UUID, CatalogFilm> byId = films.getT1().stream()
                            .collect(Collectors.toMap(film -> UUID.fromString(film.id()), Function.identity(), (a, b) -> a));
                    List<CatalogFilm> candidates = new ArrayList<>(fromBuiltIn.stream().map(byId::get).filter(film -> film != null).toList());
                    for (CatalogFilm ranked : films.getT2()) {
                        if (candidates.size() == settings.candidates()) {
                            break;
                        }
                        candidates.add(ranked);
                    }
                    Collections.shuffle(candidates, ThreadLocalRandom.current());
                    return Prompt.of(keyed("l", liked.stream().map(byId::get).filter(film -> film != null && film.title() != null).toList()),
                            titles(disliked, byId), titles(excluded, byId),
                            keyed("c", candidates.stream().filter(film -> film.title() != null).toList()),
                            settings.picks(), settings.discoveries());
                });
    }

    private static List<ListedFilm> keyed(String prefix, List<CatalogFilm> films) {
        Map<String, ListedFilm> keyed = new LinkedHashMap<>();
        for (CatalogFilm film : films) {
            String key = prefix + (keyed.size() + 1);
            keyed.put(key, ListedFilm.of(key, film));
        }
        return List.copyOf(keyed.values());
    }

    private static List<String> titles(List<UUID> ids, Map<UUID, CatalogFilm> films) {
        return ids.stream().map(films::get).filter(film -> film != null && film.title() != null).map(CatalogFilm::titleWithYear).toList();
    }
}
