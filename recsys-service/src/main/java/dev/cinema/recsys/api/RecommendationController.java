package dev.cinema.recsys.api;

import dev.cinema.recsys.profile.Profiles;
import dev.cinema.recsys.refresh.Recommendation;
import dev.cinema.recsys.refresh.RefreshRequests;
import dev.cinema.recsys.refresh.StoredRecommendations;
import dev.cinema.security.JwtSupport;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The viewer's recommendations, as async-api's feed reads them with the viewer's token, and an
 * administrator's "compute again now".
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class RecommendationController {

    /**
     * @param items         best first
     * @param hiddenFilmIds films the viewer liked, disliked or said "not interested" to: not to show in
     *                      the feed again (a feed is for films the viewer has not judged yet)
     */
    record ViewerRecommendations(List<Recommendation> items, Set<UUID> hiddenFilmIds) {
    }

    private final StoredRecommendations stored;
    private final Profiles profiles;
    private final RefreshRequests refreshRequests;

    RecommendationController(StoredRecommendations stored, Profiles profiles, RefreshRequests refreshRequests) {
        this.stored = stored;
        this.profiles = profiles;
        this.refreshRequests = refreshRequests;
    }

    /** All 50 when not given; no {@code defaultValue}, which Spring would also give an empty {@code ?size=}, a 400 here. */
    @GetMapping("/api/v1/recommendations/me")
    Mono<ViewerRecommendations> mine(@AuthenticationPrincipal Jwt viewer,
                                     @RequestParam(required = false) @Min(1) @Max(50) Integer size) {
        UUID user = JwtSupport.userId(viewer);
        return Mono.zip(stored.of(user, Objects.requireNonNullElse(size, 50)), profiles.profile(user),
                (items, profile) -> new ViewerRecommendations(items, profile.known()));
    }

    @PostMapping("/api/v1/admin/recommendations/{userId}/refresh")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> refresh(@PathVariable UUID userId) {
        return refreshRequests.now(userId);
    }
}
