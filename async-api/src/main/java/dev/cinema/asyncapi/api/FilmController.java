package dev.cinema.asyncapi.api;

import dev.cinema.asyncapi.api.Views.FilmDetails;
import dev.cinema.asyncapi.api.Views.FilmSummary;
import dev.cinema.asyncapi.cache.ResponseCache;
import dev.cinema.asyncapi.catalog.Catalog;
import dev.cinema.asyncapi.catalog.FilmSort;
import dev.cinema.web.ApiProblem;
import dev.cinema.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Objects;
import java.util.UUID;

/** Films: listing by genre and rating, full details, and typo-tolerant search; cached. */
@RestController
@RequestMapping(path = "/api/v1/films", produces = MediaType.APPLICATION_JSON_VALUE)
class FilmController {

    private final Catalog catalog;
    private final ResponseCache cache;

    FilmController(Catalog catalog, ResponseCache cache) {
        this.catalog = catalog;
        this.cache = cache;
    }

    /** Page 0 of 20 when not given; no {@code defaultValue}, which Spring would also give an empty {@code ?page=}, a 400 here. */
    @GetMapping
    Mono<String> films(@RequestParam(defaultValue = "-imdb_rating") String sort,
                       @RequestParam(required = false) UUID genre,
                       @RequestParam(required = false) @Min(0) @Max(Paging.DEEPEST - 1) Integer page,
                       @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        FilmSort order = FilmSort.parse(sort).orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "bad-sort",
                "sort must be one of " + FilmSort.ALLOWED + "; got '" + sort + "'."));
        int number = Objects.requireNonNullElse(page, 0);
        int length = Objects.requireNonNullElse(size, 20);
        int from = Paging.from(number, length);
        String genreId = genre == null ? null : genre.toString();
        return cache.json("films:" + sort + ":" + genreId + ":" + number + ":" + length, () -> catalog.films(order, genreId, from, length)
                .map(hits -> new Page<>(hits.items().stream().map(FilmSummary::of).toList(), number, length, hits.total())));
    }

    /** Page 0 of 20 when not given, as for the listing. */
    @GetMapping("/search")
    Mono<String> search(@RequestParam @NotBlank @Size(max = 200) String query,
                        @RequestParam(required = false) @Min(0) @Max(Paging.DEEPEST - 1) Integer page,
                        @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        int number = Objects.requireNonNullElse(page, 0);
        int length = Objects.requireNonNullElse(size, 20);
        int from = Paging.from(number, length);
        String text = query.strip();
        return cache.json("search:" + number + ":" + length + ":" + text, () -> catalog.searchFilms(text, from, length)
                .map(hits -> new Page<>(hits.items().stream().map(FilmSummary::of).toList(), number, length, hits.total())));
    }

    @GetMapping("/{id}")
    Mono<String> film(@PathVariable UUID id) {
        return cache.json("film:" + id, () -> catalog.film(id.toString()).map(FilmDetails::of)
                .switchIfEmpty(Mono.error(() -> Paging.notFound("film", id))));
    }
}
