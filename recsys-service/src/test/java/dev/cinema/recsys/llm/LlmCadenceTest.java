package dev.cinema.recsys.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LlmCadenceTest {

    private static final LlmSettings.Cadence CADENCE = new LlmSettings.Cadence(Duration.ofMinutes(2), 10, Duration.ofHours(1), Duration.ofMinutes(5));
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static LlmCadence.Decision decide(int changes, Duration changedAgo, Duration askedAgo, Duration failedAgo) {
        return LlmCadence.decide(CADENCE, new LlmState(changes, ago(changedAgo), ago(askedAgo), ago(failedAgo), List.of()), NOW);
    }

    private static Instant ago(Duration duration) {
        return duration == null ? null : NOW.minus(duration);
    }

    @Test
    void aViewerWithoutAChangeIsNeverAsked() {
        assertThat(decide(0, null, Duration.ofDays(1), null)).isEqualTo(new LlmCadence.Decision("unchanged", null));
        assertThat(decide(0, null, null, null).ask()).isFalse();
    }

    @Test
    void aChangeIsAskedOnceTheViewerIsQuietOrAfterEnoughChanges() {
        assertThat(decide(3, Duration.ofSeconds(30), null, null)).isEqualTo(new LlmCadence.Decision("settling", NOW.plusSeconds(90)));
        assertThat(decide(3, Duration.ofMinutes(2), null, null).ask()).isTrue();
        assertThat(decide(10, Duration.ofSeconds(1), null, null).ask()).isTrue();
    }

    @Test
    void atMostOncePerIntervalAndAFailureWaitsItsRetry() {
        assertThat(decide(12, Duration.ofMinutes(5), Duration.ofMinutes(20), null))
                .isEqualTo(new LlmCadence.Decision("interval", NOW.plus(Duration.ofMinutes(40))));
        assertThat(decide(1, Duration.ofMinutes(5), Duration.ofMinutes(61), null).ask()).isTrue();
        assertThat(decide(1, Duration.ofMinutes(5), null, Duration.ofMinutes(1)))
                .isEqualTo(new LlmCadence.Decision("retry", NOW.plus(Duration.ofMinutes(4))));
        assertThat(decide(1, Duration.ofMinutes(5), null, Duration.ofMinutes(6)).ask()).isTrue();
    }
}
