package dev.cinema.auth.login;

import dev.cinema.auth.AuthProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed one-minute window of login attempts per client address, in this instance's memory
 * (nginx limits the rate per address in front of every instance as well).
 */
@Component
class IpRateLimiter {

    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

    private final int limit;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    IpRateLimiter(AuthProperties properties, Clock clock) {
        this.limit = properties.ipLimit().attemptsPerMinute();
        this.clock = clock;
    }

    private record Window(long start, int count) {
    }

    /** Counts an attempt; returns how long to wait when the address is over its limit. */
    Optional<Duration> tryAcquire(String address) {
        long now = clock.millis();
        Window window = windows.compute(address, (key, current) ->
                current == null || now - current.start() >= WINDOW_MILLIS ? new Window(now, 1) : new Window(current.start(), current.count() + 1));
        if (window.count() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(window.start() + WINDOW_MILLIS - now));
    }

    @Scheduled(fixedDelay = 60_000)
    void forgetOldWindows() {
        long now = clock.millis();
        windows.values().removeIf(window -> now - window.start() >= WINDOW_MILLIS);
    }
}
