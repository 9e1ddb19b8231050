package dev.cinema.ugc;

import dev.cinema.security.TestJwtIssuer;
import dev.cinema.web.IntegerExtremes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

/** Every integer parameter of ugc-service, sent the integer extremes: a 400 naming its bounds, never a 500. */
@UgcIntegrationTest
class IntegerParametersIT {

    @Autowired
    WebTestClient client;

    /** Before the context starts: the first call publishes the JWKS address the service reads. */
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();

    private final String viewer = ISSUER.token(UUID.randomUUID());

    @Test
    void theReactionListsPageAndSizeAreRangeChecked() {
        IntegerExtremes.sentBy(client, viewer)
                .assertBounded("/api/v1/reactions", "page", 0, 10_000)
                .assertBounded("/api/v1/reactions?value=LIKE&page=0", "size", 1, 100);
    }

    @Test
    void theExclusionListsPageAndSizeAreRangeChecked() {
        IntegerExtremes.sentBy(client, viewer)
                .assertBounded("/api/v1/exclusions", "page", 0, 10_000)
                .assertBounded("/api/v1/exclusions?page=0", "size", 1, 100);
    }
}
