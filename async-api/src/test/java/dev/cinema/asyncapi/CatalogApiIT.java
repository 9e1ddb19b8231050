package dev.cinema.asyncapi;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;

import static dev.cinema.asyncapi.TestCatalog.ALIEN;
import static dev.cinema.asyncapi.TestCatalog.BLADE_RUNNER;
import static dev.cinema.asyncapi.TestCatalog.EMPIRE;
import static dev.cinema.asyncapi.TestCatalog.GODFATHER;
import static dev.cinema.asyncapi.TestCatalog.HARRISON_FORD;
import static dev.cinema.asyncapi.TestCatalog.NEW_HOPE;
import static dev.cinema.asyncapi.TestCatalog.SCI_FI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@AsyncApiIntegrationTest
class CatalogApiIT {

    @Autowired
    WebTestClient client;

    @Test
    void aFilmComesWithItsGenresAndPeopleButNotItsVector() {
        client.get().uri("/api/v1/films/{id}", ALIEN).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Alien")
                .jsonPath("$.imdbRating").isEqualTo(8.5)
                .jsonPath("$.creationDate").isEqualTo("1979-05-25")
                .jsonPath("$.genres[*].name").value(containsInAnyOrder("Sci-Fi", "Horror"))
                .jsonPath("$.directors[0].name").isEqualTo("Ridley Scott")
                .jsonPath("$.actors[0].name").isEqualTo("Sigourney Weaver")
                .jsonPath("$.embedding").doesNotExist();
    }

    @Test
    void filmsAreListedBestRatedFirstAndByGenre() {
        client.get().uri("/api/v1/films?size=3").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of(GODFATHER, EMPIRE, NEW_HOPE))
                .jsonPath("$.total").isEqualTo(8)
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.size").isEqualTo(3);
        client.get().uri("/api/v1/films?genre={genre}&sort=imdb_rating", SCI_FI).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of(BLADE_RUNNER, ALIEN, NEW_HOPE, EMPIRE));
        client.get().uri("/api/v1/films?sort=title&size=2&page=1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].title").isEqualTo(List.of("Amélie", "An Unrated Short"));
    }

    @Test
    void searchToleratesTyposAndRanksByRelevanceThenRating() {
        client.get().uri("/api/v1/films/search?query={q}", "Star Wors").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0:2].id").value(containsInAnyOrder(EMPIRE, NEW_HOPE))
                .jsonPath("$.items[*].id").value(not(hasItem(GODFATHER)));
        client.get().uri("/api/v1/films/search?query={q}", "farm boy rebelion").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].id").isEqualTo(NEW_HOPE);
    }

    @Test
    void genresAreListedByName() {
        client.get().uri("/api/v1/genres").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].name").isEqualTo(List.of("Adventure", "Comedy", "Crime", "Drama", "Horror", "Romance", "Sci-Fi"));
        client.get().uri("/api/v1/genres/{id}", SCI_FI).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Sci-Fi");
    }

    @Test
    void aPersonIsFoundDespiteATypoWithRolesPerFilm() {
        client.get().uri("/api/v1/persons/search?query={q}", "Harison Frod").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].id").isEqualTo(HARRISON_FORD)
                .jsonPath("$.items[0].fullName").isEqualTo("Harrison Ford");
        client.get().uri("/api/v1/persons/{id}", HARRISON_FORD).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.films.length()").isEqualTo(3)
                .jsonPath("$.films[?(@.id == '" + BLADE_RUNNER + "')].title").isEqualTo(List.of("Blade Runner"))
                .jsonPath("$.films[?(@.id == '" + BLADE_RUNNER + "')].roles[0]").isEqualTo(List.of("actor"));
        client.get().uri("/api/v1/persons/{id}/films", HARRISON_FORD).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].id").isEqualTo(List.of(EMPIRE, NEW_HOPE, BLADE_RUNNER));
    }

    @Test
    void unknownIdsAre404AndBadParameters400AsProblems() {
        String unknown = "00000000-0000-0000-0000-000000000001";
        for (String path : List.of("/api/v1/films/" + unknown, "/api/v1/genres/" + unknown, "/api/v1/persons/" + unknown,
                "/api/v1/persons/" + unknown + "/films")) {
            client.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String tooLong = "x".repeat(201);
        List<String> notRefused = new ArrayList<>();
        for (String path : List.of("/api/v1/films/not-a-uuid", "/api/v1/films?size=0", "/api/v1/films?size=101", "/api/v1/films?page=-1",
                "/api/v1/films?page=100&size=100", "/api/v1/films?sort=budget", "/api/v1/films?genre=drama",
                "/api/v1/films/search", "/api/v1/films/search?query=", "/api/v1/films/search?query=+++",
                "/api/v1/films/search?query=" + tooLong, "/api/v1/persons/search?query=", "/api/v1/feed?size=1000",
                "/api/v1/persons/not-a-uuid")) {
            var response = client.get().uri(path).exchange().expectBody(String.class).returnResult();
            if (response.getStatus().value() != 400 || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(response.getResponseHeaders().getContentType())
                    || !response.getResponseBody().contains("\"detail\"")) {
                notRefused.add(path + " -> " + response.getStatus() + " " + response.getResponseBody());
            }
        }
        // a blank id (%20) is there but converted to nothing: Spring's "missing path variable", a 500 left to itself
        for (String template : List.of("/api/v1/films/{id}", "/api/v1/genres/{id}", "/api/v1/persons/{id}/films")) {
            var response = client.get().uri(template, " ").exchange().expectBody(String.class).returnResult();
            if (response.getStatus().value() != 400 || !response.getResponseBody().contains("id: is empty")) {
                notRefused.add(template + " with a blank id -> " + response.getStatus() + " " + response.getResponseBody());
            }
        }
        assertThat(notRefused).isEmpty();
    }

    @Test
    void writingIsNotAllowedAndABadTokenIs401() {
        client.post().uri("/api/v1/films").exchange().expectStatus().isEqualTo(405);
        client.get().uri("/api/v1/films").header("Authorization", "Bearer not.a.token").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
