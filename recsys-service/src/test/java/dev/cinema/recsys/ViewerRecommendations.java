package dev.cinema.recsys;

import dev.cinema.security.TestJwtIssuer;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.UUID;

/** What {@code GET /api/v1/recommendations/me} answers a viewer, asked with the viewer's own token. */
final class ViewerRecommendations {

    private ViewerRecommendations() {
    }

    static WebTestClient.BodyContentSpec of(WebTestClient client, UUID viewer) {
        return client.get().uri("/api/v1/recommendations/me").header("Authorization", "Bearer " + TestJwtIssuer.get().token(viewer))
                .exchange()
                .expectStatus().isOk().expectBody();
    }
}
