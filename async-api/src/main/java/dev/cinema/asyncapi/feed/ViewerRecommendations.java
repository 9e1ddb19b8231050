package dev.cinema.asyncapi.feed;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a signed-in viewer's feed is made from: the recommendations (recsys-service) and the films
 * never to show: the viewer's liked, disliked and excluded films, from ugc-service, where reactions
 * are kept, so a press hides its film at once, together with those recsys-service knows of. Both are asked at once; one that is slow or down is stood in for by
 * its last answer known ({@link LastKnown}), so a slow recsys-service costs the viewer fresh
 * recommendations, not all of them, and a film once hidden stays hidden whatever is down.
 */
@Component
class ViewerRecommendations {

    private final RecsysClient recsys;
    private final UgcClient ugc;
    private final LastKnown lastKnown;
    private final MeterRegistry meters;

    ViewerRecommendations(RecsysClient recsys, UgcClient ugc, LastKnown lastKnown, MeterRegistry meters) {
        this.recsys = recsys;
        this.ugc = ugc;
        this.lastKnown = lastKnown;
        this.meters = meters;
    }

    Mono<Recommendations> of(Jwt viewer) {
        String token = viewer.getTokenValue();
        return Mono.zip(recsys.recommendationsFor(token).map(Optional::of).defaultIfEmpty(Optional.empty()),
                        hiddenFilms(token))
                .flatMap(answers -> combine(viewer.getSubject(), answers.getT1(), answers.getT2()));
    }

    /** The hidden films from ugc-service ({@link UgcClient}: asked twice before giving up), empty when it did not answer. */
    private Mono<Optional<Set<String>>> hiddenFilms(String token) {
        return ugc.hiddenFilmsOf(token).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Mono<Recommendations> combine(String viewer, Optional<Recommendations> fresh, Optional<Set<String>> hidden) {
        count("recommendations", fresh.isPresent());
        count("hidden", hidden.isPresent());
        if (fresh.isPresent() && hidden.isPresent()) {
            return Mono.just(keep(viewer, new Recommendations(fresh.get().items(), union(hidden.get(), fresh.get().hiddenFilmIds()))));
        }
        return lastKnown.of(viewer).defaultIfEmpty(Recommendations.NONE).map(last -> {
            Set<String> hiddenNow = union(hidden.orElse(last.hiddenFilmIds()),
                    fresh.map(Recommendations::hiddenFilmIds).orElse(Set.of()));
            Recommendations combined = new Recommendations(fresh.map(Recommendations::items).orElse(last.items()), hiddenNow);
            return fresh.isPresent() || hidden.isPresent() ? keep(viewer, combined) : combined;
        });
    }

    /** Both: recsys-service may not have heard of a press yet, and ugc-service is the one that has. */
    private static Set<String> union(Set<String> some, Set<String> others) {
        Set<String> all = new HashSet<>(some);
        all.addAll(others);
        return all;
    }

    private Recommendations keep(String viewer, Recommendations known) {
        lastKnown.keep(viewer, known);
        return known;
    }

    private void count(String part, boolean fresh) {
        meters.counter("feed.viewer.parts", "part", part, "answer", fresh ? "fresh" : "last-known").increment();
    }
}
