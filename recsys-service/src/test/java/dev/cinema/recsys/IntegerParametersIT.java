package dev.cinema.recsys;

import dev.cinema.security.TestJwtIssuer;
import dev.cinema.web.IntegerExtremes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

/**
 * The integer parameter of recsys-service, sent the integer extremes: a 400 naming its bounds, never a 500.
 * (Closed after the class: a context left running would share the consumer group and the due viewers with the next class's.)
 */
@RecsysIntegrationTest
@DirtiesContext
class IntegerParametersIT {

    /** Before the context starts: the first call publishes the JWKS address the service reads. */
    private static final TestJwtIssuer ISSUER = TestJwtIssuer.get();

    @Autowired
    WebTestClient client;

    @Test
    void theRecommendationsSizeIsRangeChecked() {
        IntegerExtremes.sentBy(client, ISSUER.token(UUID.randomUUID()))
                .assertBounded("/api/v1/recommendations/me", "size", 1, 50);
    }
}
