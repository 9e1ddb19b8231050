package dev.cinema.ugc.reaction;

import dev.cinema.security.JwtSupport;
import dev.cinema.ugc.catalog.FilmCatalog;
import dev.cinema.web.ApiProblem;
import dev.cinema.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The caller's reactions, exclusions and "more like this"; the caller is always the token's subject. */
@RestController
@RequestMapping("/api/v1")
class ReactionController {

    record ReactionRequest(@NotNull(message = "must be LIKE or DISLIKE") ReactionValue value) {
    }

    record Reaction(UUID filmId, ReactionValue value, Instant reactedAt) {
        static Reaction of(UserFilm film) {
            return new Reaction(film.filmId(), film.value(), film.reactedAt());
        }
    }

    record Exclusion(UUID filmId, Instant excludedAt) {
        static Exclusion of(UserFilm film) {
            return new Exclusion(film.filmId(), film.excludedAt());
        }
    }

    record FilmStats(UUID filmId, long likes, long dislikes) {
    }

    private final UserFilms userFilms;
    private final FilmCatalog catalog;

    ReactionController(UserFilms userFilms, FilmCatalog catalog) {
        this.userFilms = userFilms;
        this.catalog = catalog;
    }

    @PutMapping("/reactions/{filmId}")
    Mono<Reaction> react(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID filmId, @Valid @RequestBody ReactionRequest request) {
        return knownFilm(filmId).then(userFilms.react(JwtSupport.userId(jwt), filmId, request.value())).map(Reaction::of);
    }

    @DeleteMapping("/reactions/{filmId}")
    Mono<ResponseEntity<Void>> removeReaction(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID filmId) {
        return userFilms.removeReaction(JwtSupport.userId(jwt), filmId).then(Mono.just(ResponseEntity.noContent().build()));
    }

    /** Page 0 of 20 when not given; no {@code defaultValue}, which Spring would also give an empty {@code ?page=}, a 400 here. */
    @GetMapping("/reactions")
    Mono<Page<Reaction>> reactions(@AuthenticationPrincipal Jwt jwt,
                                   @RequestParam(required = false) ReactionValue value,
                                   @RequestParam(required = false) @Min(0) @Max(10_000) Integer page,
                                   @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        UUID user = JwtSupport.userId(jwt);
        int number = Objects.requireNonNullElse(page, 0);
        int length = Objects.requireNonNullElse(size, 20);
        return userFilms.reactions(user, value, number, length).map(Reaction::of).collectList()
                .zipWith(userFilms.countReactions(user, value), (items, total) -> new Page<>(items, number, length, total));
    }

    @PutMapping("/exclusions/{filmId}")
    Mono<Exclusion> exclude(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID filmId) {
        return knownFilm(filmId).then(userFilms.exclude(JwtSupport.userId(jwt), filmId)).map(Exclusion::of);
    }

    @DeleteMapping("/exclusions/{filmId}")
    Mono<ResponseEntity<Void>> removeExclusion(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID filmId) {
        return userFilms.removeExclusion(JwtSupport.userId(jwt), filmId).then(Mono.just(ResponseEntity.noContent().build()));
    }

    /** Page 0 of 20 when not given, as for reactions. */
    @GetMapping("/exclusions")
    Mono<Page<Exclusion>> exclusions(@AuthenticationPrincipal Jwt jwt,
                                     @RequestParam(required = false) @Min(0) @Max(10_000) Integer page,
                                     @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        UUID user = JwtSupport.userId(jwt);
        int number = Objects.requireNonNullElse(page, 0);
        int length = Objects.requireNonNullElse(size, 20);
        return userFilms.exclusions(user, number, length).map(Exclusion::of).collectList()
                .zipWith(userFilms.countExclusions(user), (items, total) -> new Page<>(items, number, length, total));
    }

    @PostMapping("/films/{filmId}/more-like-this")
    Mono<ResponseEntity<Void>> moreLikeThis(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID filmId) {
        return knownFilm(filmId).then(userFilms.moreLikeThis(JwtSupport.userId(jwt), filmId))
                .then(Mono.just(ResponseEntity.accepted().build()));
    }

    @GetMapping("/films/{filmId}/stats")
    Mono<FilmStats> stats(@PathVariable UUID filmId) {
        return userFilms.count(filmId, ReactionValue.LIKE).zipWith(userFilms.count(filmId, ReactionValue.DISLIKE),
                (likes, dislikes) -> new FilmStats(filmId, likes, dislikes));
    }

    private Mono<Void> knownFilm(UUID film) {
        return catalog.exists(film).flatMap(exists -> exists ? Mono.<Void>empty()
                : Mono.error(new ApiProblem(HttpStatus.NOT_FOUND, "unknown-film", "There is no film " + film + " in the catalog.")));
    }
}
