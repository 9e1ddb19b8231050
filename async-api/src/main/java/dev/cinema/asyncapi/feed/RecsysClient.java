package dev.cinema.asyncapi.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Asks recsys-service for the viewer's recommendations with the viewer's own token, so it can
 * only ever answer for that viewer. Down, slow (past {@code recsysTimeout}) or failing: empty,
 * never an error ({@link ViewerRecommendations} then stands in with the last answer known).
 */
@Component
@EnableConfigurationProperties(FeedSettings.class)
class RecsysClient {

    private static final Logger log = LoggerFactory.getLogger(RecsysClient.class);

    private final WebClient client;
    private final FeedSettings settings;

    RecsysClient(FeedSettings settings) {
        this.settings = settings;
        this.client = WebClient.builder().baseUrl(settings.recsysUrl()).build();
    }

    Mono<Recommendations> recommendationsFor(String bearerToken) {
        return client.get().uri(uri -> uri.path("/api/v1/recommendations/me").queryParam("size", settings.recommendations()).build())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .retrieve()
                .bodyToMono(Recommendations.class)
                .timeout(settings.recsysTimeout())
                .onErrorResume(failure -> {
                    log.info("recsys-service: {}; the viewer's last recommendations stand in", failure.toString());
                    return Mono.empty();
                });
    }
}
