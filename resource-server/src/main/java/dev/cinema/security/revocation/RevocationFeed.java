package dev.cinema.security.revocation;

import dev.cinema.lifecycle.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows the revocation feed: every {@code interval} asks for what came since the last answer
 * (less {@link #OVERLAP}, so that a revocation whose row committed a moment after a later one is
 * still read). The first read, at start, takes every revocation that still matters. While the feed
 * cannot be read the service keeps serving on what it knows: {@code cinema.revocations.age} (seconds
 * since the last good read) says how stale that is, {@code cinema.revocations.failures} counts the misses.
 */
public final class RevocationFeed extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(RevocationFeed.class);
    static final Duration OVERLAP = Duration.ofSeconds(5);
    /** A read that takes longer fails (and is counted); the next one asks again. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final RevocationSource source;
    private final RevocationList list;
    private final Duration interval;
    private final Clock clock;
    private final Counter failures;
    private volatile Instant since;
    private volatile Instant lastRead;
    private volatile boolean failing;

    public RevocationFeed(RevocationSource source, RevocationList list, Duration interval, Clock clock, MeterRegistry meters) {
        this.source = source;
        this.list = list;
        this.interval = interval;
        this.clock = clock;
        this.failures = Counter.builder("cinema.revocations.failures")
                .description("reads of the revocation feed that failed").register(meters);
        Gauge.builder("cinema.revocations.age", this, feed -> feed.ageSeconds())
                .description("seconds since the revocation feed was last read (infinite before the first read)").baseUnit("seconds")
                .register(meters);
        Gauge.builder("cinema.revocations.known", list, RevocationList::size)
                .description("revocations kept, sessions and users").register(meters);
    }

    /**
     * The first read is made before the web server takes requests (this starts in an earlier phase),
     * so that a revoked token is not accepted in a service's first seconds; when the feed does not
     * answer within a read's timeout the service starts on what it has (nothing) and the loop goes on.
     */
    @Override
    public void start() {
        // read() never fails and ends within its timeout; the margin is for the scheduler, not the feed
        read().block(READ_TIMEOUT.plusSeconds(5));
        super.start();
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }

    @Override
    protected Disposable run() {
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> read(), 1)
                .subscribe();
    }

    /** One read of the feed; never fails (a failure is counted and logged once until the feed is back). */
    Mono<Void> read() {
        Instant from = since;
        return source.since(from == null ? null : from.minus(OVERLAP))
                .timeout(READ_TIMEOUT)
                .doOnNext(batch -> {
                    list.apply(batch);
                    since = batch.now();
                    lastRead = clock.instant();
                    if (failing) {
                        log.info("the revocation feed answers again");
                        failing = false;
                    }
                })
                .then()
                .onErrorResume(error -> {
                    failures.increment();
                    if (!failing) {
                        log.warn("the revocation feed cannot be read (the revocations known stand): {}", error.toString());
                        failing = true;
                    }
                    return Mono.empty();
                });
    }

    private double ageSeconds() {
        Instant read = lastRead;
        return read == null ? Double.POSITIVE_INFINITY : Duration.between(read, clock.instant()).toMillis() / 1000.0;
    }
}
