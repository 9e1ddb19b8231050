package dev.cinema.asyncapi;

import dev.cinema.security.TestJwtIssuer;
import dev.cinema.web.IntegerExtremes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

import static org.hamcrest.Matchers.startsWith;

/**
 * Every integer parameter of async-api, sent the integer extremes: a 400 naming its bounds, never
 * a 500, and never the 503 that an overflow past Elasticsearch's window would become.
 */
@AsyncApiIntegrationTest
class IntegerParametersIT {

    /** Before the context starts: the first call publishes the JWKS address the service reads. */
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();

    @Autowired
    WebTestClient client;

    @Test
    void theFilmListsPageAndSizeAreRangeChecked() {
        IntegerExtremes.sentBy(client, null)
                .assertBounded("/api/v1/films", "page", 0, 9_999)
                .assertBounded("/api/v1/films?sort=title&page=0", "size", 1, 100);
    }

    @Test
    void theSearchesPagesAndSizesAreRangeChecked() {
        IntegerExtremes.sentBy(client, null)
                .assertBounded("/api/v1/films/search?query=star", "page", 0, 9_999)
                .assertBounded("/api/v1/films/search?query=star&page=0", "size", 1, 100)
                .assertBounded("/api/v1/persons/search?query=ford", "page", 0, 9_999)
                .assertBounded("/api/v1/persons/search?query=ford&page=0", "size", 1, 100);
    }

    @Test
    void theFeedsPageAndSizeAreRangeCheckedSignedInOrNot() {
        IntegerExtremes.sentBy(client, null)
                .assertBounded("/api/v1/feed", "page", 0, 9_999)
                .assertBounded("/api/v1/feed?page=0", "size", 1, 100);
        IntegerExtremes.sentBy(client, ISSUER.token(UUID.randomUUID()))
                .assertBounded("/api/v1/feed", "page", 0, 9_999)
                .assertBounded("/api/v1/feed?page=0", "size", 1, 100);
    }

    @Test
    void aPageWithinBoundsThatEndsPastTheFirstTenThousandResultsIsA400SayingWhere() {
        for (String path : new String[] {"/api/v1/films", "/api/v1/films/search?query=star", "/api/v1/persons/search?query=ford",
                "/api/v1/feed"}) {
            String request = path + (path.contains("?") ? "&" : "?") + "page=9999&size=2";
            client.get().uri(request).headers(headers -> headers.setBearerAuth(ISSUER.token(UUID.randomUUID()))).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(startsWith("Page 9999 of size 2 ends at result 20000, and only the first"
                            + " 10000 results can be paged through"));
        }
    }
}
