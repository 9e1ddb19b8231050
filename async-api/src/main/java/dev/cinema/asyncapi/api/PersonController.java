package dev.cinema.asyncapi.api;

import dev.cinema.asyncapi.api.Views.FilmSummary;
import dev.cinema.asyncapi.api.Views.PersonView;
import dev.cinema.asyncapi.cache.ResponseCache;
import dev.cinema.asyncapi.catalog.Catalog;
import dev.cinema.asyncapi.catalog.Documents.Movie;
import dev.cinema.asyncapi.catalog.Documents.Person;
import dev.cinema.asyncapi.catalog.Documents.PersonFilm;
import dev.cinema.web.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/** People: search by name, their roles per film, their films; cached. */
@RestController
@RequestMapping(path = "/api/v1/persons", produces = MediaType.APPLICATION_JSON_VALUE)
class PersonController {

    private final Catalog catalog;
    private final ResponseCache cache;

    PersonController(Catalog catalog, ResponseCache cache) {
        this.catalog = catalog;
        this.cache = cache;
    }

    /** Page 0 of 20 when not given; no {@code defaultValue}, which Spring would also give an empty {@code ?page=}, a 400 here. */
    @GetMapping("/search")
    Mono<String> search(@RequestParam @NotBlank @Size(max = 200) String query,
                        @RequestParam(required = false) @Min(0) @Max(Paging.DEEPEST - 1) Integer page,
                        @RequestParam(required = false) @Min(1) @Max(100) Integer size) {
        int number = Objects.requireNonNullElse(page, 0);
        int length = Objects.requireNonNullElse(size, 20);
        int from = Paging.from(number, length);
        String text = query.strip();
        return cache.json("persons:" + number + ":" + length + ":" + text, () -> catalog.searchPersons(text, from, length)
                .flatMap(hits -> titles(hits.items()).map(titles -> new Page<>(
                        hits.items().stream().map(person -> PersonView.of(person, titles)).toList(), number, length, hits.total()))));
    }

    @GetMapping("/{id}")
    Mono<String> person(@PathVariable UUID id) {
        return cache.json("person:" + id, () -> person(id.toString())
                .flatMap(person -> titles(List.of(person)).map(titles -> PersonView.of(person, titles))));
    }

    /** The person's films, best rated first. */
    @GetMapping("/{id}/films")
    Mono<String> films(@PathVariable UUID id) {
        return cache.json("person-films:" + id, () -> person(id.toString())
                .flatMap(person -> catalog.films(person.films().stream().map(PersonFilm::id).toList()))
                .map(films -> films.stream()
                        .sorted(Comparator.comparing(Movie::imdbRating, Comparator.nullsLast(Comparator.reverseOrder())))
                        .map(FilmSummary::of).toList()));
    }

    private Mono<Person> person(String id) {
        return catalog.person(id).switchIfEmpty(Mono.error(() -> Paging.notFound("person", id)));
    }

    private Mono<Map<String, String>> titles(List<Person> persons) {
        List<String> ids = persons.stream().flatMap(person -> person.films().stream()).map(PersonFilm::id).distinct().toList();
        return catalog.films(ids).map(films -> films.stream().collect(Collectors.toMap(Movie::id, Movie::title)));
    }
}
