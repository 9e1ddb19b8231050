package dev.cinema.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A session signed out has its access token refused by every service within 5 s, through nginx. */
@ExtendWith(Platform.class)
class RevocationIT {

    /** What the revocation is promised to take, at most, while the feed answers. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    /** One call that needs a token on each of the four services. */
    private static final Map<String, String> ONE_CALL_EACH = Map.of(
            "auth-service", "/api/v1/auth/me",
            "ugc-service", "/api/v1/reactions",
            "async-api", "/api/v1/feed?size=3",
            "recsys-service", "/api/v1/recommendations/me");

    @Test
    void aSessionSignedOutIsRefusedByAllFourServicesWithinFiveSeconds() {
        JsonNode session = Http.newSession();
        String token = session.get("access_token").asString();
        ONE_CALL_EACH.forEach((service, path) -> assertThat(Http.get(path, token).status()).as(service).isEqualTo(200));

        assertThat(Http.post("/api/v1/auth/logout", "{\"refresh_token\":\"" + session.get("refresh_token").asString() + "\"}", null)
                .status()).isEqualTo(204);
        long signedOut = System.nanoTime();

        Map<String, Duration> refusedAfter = new LinkedHashMap<>();
        while (refusedAfter.size() < ONE_CALL_EACH.size() && elapsedSince(signedOut).compareTo(BOUND.multipliedBy(4)) < 0) {
            ONE_CALL_EACH.forEach((service, path) -> {
                if (!refusedAfter.containsKey(service) && Http.get(path, token).status() == 401) {
                    refusedAfter.put(service, elapsedSince(signedOut));
                }
            });
        }

        assertThat(refusedAfter).as("when each service refused the token").containsOnlyKeys(ONE_CALL_EACH.keySet());
        assertThat(refusedAfter.values()).as("the time each took: " + refusedAfter).allSatisfy(took -> assertThat(took).isLessThanOrEqualTo(BOUND));
    }

    private static Duration elapsedSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
