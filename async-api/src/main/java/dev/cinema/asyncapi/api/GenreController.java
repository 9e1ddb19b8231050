package dev.cinema.asyncapi.api;

import dev.cinema.asyncapi.api.Views.GenreView;
import dev.cinema.asyncapi.cache.ResponseCache;
import dev.cinema.asyncapi.catalog.Catalog;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.UUID;

/** Every genre, by name; cached. */
@RestController
@RequestMapping(path = "/api/v1/genres", produces = MediaType.APPLICATION_JSON_VALUE)
class GenreController {

    private final Catalog catalog;
    private final ResponseCache cache;

    GenreController(Catalog catalog, ResponseCache cache) {
        this.catalog = catalog;
        this.cache = cache;
    }

    @GetMapping
    Mono<String> genres() {
        return cache.json("genres", () -> catalog.genres().map(genres -> genres.stream().map(GenreView::of).toList()));
    }

    @GetMapping("/{id}")
    Mono<String> genre(@PathVariable UUID id) {
        return cache.json("genre:" + id, () -> catalog.genre(id.toString()).map(GenreView::of)
                .switchIfEmpty(Mono.error(() -> Paging.notFound("genre", id))));
    }
}
