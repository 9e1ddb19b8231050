package dev.cinema.platform.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long and how hard a soak pushes, each from a system property ({@code -Dsoak.rate=20}) with a
 * default this 2-core machine carries while it also restarts the parts being faulted.
 *
 * @param duration         how long viewers act and faults are injected (the settling comes after)
 * @param rate             viewer actions started per second, whatever the answers: an open loop
 * @param firstViewers     viewers registered before the faults begin; more register during the run
 * @param maxViewers       no more viewers than this (each acts one action at a time, as a browser does)
 * @param films            the top-rated films the viewers react to: few, so that writes overwrite each other
 * @param holdMin          the shortest time a faulted part stays down before it is started again
 * @param holdMax          the longest
 * @param concurrentFaults how many servers, and how many services, may be down (or starting again) at once
 * @param grace            how long after a part is back a 503 still counts as the fault's
 * @param settleWithin     the bound on waiting for the event pipeline to drain at the end
 * @param requestTimeout   past nginx's 30 s proxy_read_timeout, so that nginx's own answer (504) is seen
 * @param seed             the random choices (actions, films, the fault schedule); printed, to repeat a schedule
 * @param out              where the details (violations, faults, history) are written
 */
record SoakSettings(Duration duration, double rate, int firstViewers, int maxViewers, int films, Duration holdMin, Duration holdMax,
                    int concurrentFaults, Duration grace, Duration settleWithin, Duration requestTimeout, long seed, Path out) {

    SoakSettings {
        require(!duration.isNegative() && !duration.isZero(), "soak duration must be positive");
        require(rate > 0 && rate <= 500, "soak.rate must be in (0, 500] actions per second");
        require(firstViewers >= 1 && firstViewers <= maxViewers, "soak.first-viewers must be in [1, soak.viewers]");
        require(maxViewers <= 1_000, "soak.viewers must be at most 1000");
        require(films >= 2 && films <= 100, "soak.films must be in [2, 100]");
        require(!holdMin.isNegative() && holdMin.compareTo(holdMax) <= 0, "soak.hold-min must be in [0, soak.hold-max]");
        require(concurrentFaults >= 1, "soak.concurrent-faults must be at least 1");
        require(!grace.isNegative(), "soak.grace must not be negative");
        require(settleWithin.toSeconds() >= 10, "soak.settle-within must be at least 10 s");
        require(requestTimeout.toSeconds() >= 1, "soak.request-timeout must be at least 1 s");
    }

    /** The settings for a soak of this length, the rest from system properties or their defaults. */
    static SoakSettings of(Duration duration) {
        return new SoakSettings(duration,
                Double.parseDouble(System.getProperty("soak.rate", "20")),
                Integer.getInteger("soak.first-viewers", 20),
                Integer.getInteger("soak.viewers", 80),
                Integer.getInteger("soak.films", 24),
                Duration.parse(System.getProperty("soak.hold-min", "PT3S")),
                Duration.parse(System.getProperty("soak.hold-max", "PT12S")),
                Integer.getInteger("soak.concurrent-faults", 2),
                Duration.parse(System.getProperty("soak.grace", "PT10S")),
                Duration.parse(System.getProperty("soak.settle-within", "PT5M")),
                Duration.parse(System.getProperty("soak.request-timeout", "PT40S")),
                Long.getLong("soak.seed", ThreadLocalRandom.current().nextLong()),
                Path.of(System.getProperty("soak.out", "target/soak")).toAbsolutePath());
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
