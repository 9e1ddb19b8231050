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
 * never to show (ugc-service, where reactions are kept, so a dislike hides its film at once; plus
 * what recsys-service knows). Both are asked at once; one that is slow or down is stood in for by
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
                        ugc.hiddenFilmsOf(token).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(answers -> combine(viewer.getSubject(), answers.getT1(), answers.getT2()));
    }

    private Mono<Recommendations> combine(String viewer, Optional<Recommendations> fresh, Optional<Set<String>> hidden) {
        count("recommendations", fresh.isPresent());
        count("hidden", hidden.isPresent());
        if (fresh.isPresent() && hidden.isPresent()) {
            return Mono.just(keep(viewer, new Recommendations(fresh.get().items(), hidden.get())));
        }
        return lastKnown.of(viewer).defaultIfEmpty(Recommendations.NONE).map(last -> {
            Set<String> hiddenNow = hidden.orElseGet(() -> {
                Set<String> known = new HashSet<>(last.hiddenFilmIds());
                fresh.ifPresent(answer -> known.addAll(answer.hiddenFilmIds()));
                return known;
            });
            Recommendations combined = new Recommendations(fresh.map(Recommendations::items).orElse(last.items()), hiddenNow);
            return fresh.isPresent() || hidden.isPresent() ? keep(viewer, combined) : combined;
        });
    }

    private Recommendations keep(String viewer, Recommendations known) {
        lastKnown.keep(viewer, known);
        return known;
    }

    private void count(String part, boolean fresh) {
        meters.counter("feed.viewer.parts", "part", part, "answer", fresh ? "fresh" : "last-known").increment();
    }
}
