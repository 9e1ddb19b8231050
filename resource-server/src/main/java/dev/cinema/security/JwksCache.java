package dev.cinema.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cinema.lifecycle.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * auth-service's public keys, the decoder's key source ({@link #keysFor}). A fetched JWKS is trusted for
 * {@code lifetime} from the moment it was asked for, and refreshed in the background when a fifth of it is
 * left, so requests use keys in memory and wait for no fetch while auth-service answers; a key auth-service
 * no longer publishes is therefore refused everywhere within one lifetime.
 *
 * <p>A failed refresh keeps the keys until their lifetime is over, and is tried again every
 * {@code minRefetch}. After that the keys are no longer trusted and a token cannot be checked: the
 * fetch's error reaches {@link KeysOutOfReach}, a 503. Accepting tokens under stale keys would keep the
 * platform up through a long auth-service outage, but then a key removed because it leaked would go on
 * working for as long as auth-service stays away, which is what the lifetime promises not to allow;
 * with the defaults auth-service must be unreachable for more than a minute (the last fifth of the
 * lifetime, six retries) before any token is refused for it.
 *
 * <p>A token whose {@code kid} is not in the keys may be signed by a key made since the last fetch
 * (auth-service signs with a new key as soon as it makes it), so it joins the fetch in flight or starts
 * one, but at most one per {@code minRefetch}: random kids, however many, reach auth-service no more
 * often than that, and within the interval they are refused (401) at once. Requests with no trusted keys
 * at all (a service started while auth-service was down) share one fetch in flight at a time.
 */
final class JwksCache extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);
    /**
     * auth-service answers its JWKS from memory: slower than this it is in trouble, and a request waiting should
     * hear so. Not shorter: a service's first request to it, made while the service starts, took over 3 s on a busy machine.
     */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    /** The background refreshes when this share of the lifetime is left, which leaves time for retries. */
    static final int REFRESH_AHEAD_FRACTION = 5;

    /** A fetched JWKS and the instant it stops being trusted. */
    private record Keys(JWKSet set, Instant trustedUntil) {
        boolean trustedAt(Instant now) {
            return now.isBefore(trustedUntil);
        }

        boolean hasKey(String kid) {
            return kid != null && set.getKeyByKeyId(kid) != null;
        }
    }

    private final WebClient client;
    private final String uri;
    private final Duration lifetime;
    private final Duration minRefetch;
    /** The clock and the timer of the refreshes: a virtual one in tests. */
    private final Scheduler time;

    private volatile Keys keys;
    private final AtomicReference<CompletableFuture<Keys>> inFlight = new AtomicReference<>();
    private final AtomicReference<Instant> lastUnknownKidFetch = new AtomicReference<>(Instant.MIN);
    private volatile Instant lastFailedRefresh;

    JwksCache(WebClient client, String uri, Duration lifetime, Duration minRefetch, Scheduler time) {
        if (!lifetime.isPositive() || !minRefetch.isPositive() || minRefetch.compareTo(lifetime) > 0) {
            throw new IllegalArgumentException("AUTH_JWKS_LIFETIME (" + lifetime + ") and AUTH_JWKS_MIN_REFETCH (" + minRefetch
                    + ") must be positive, the interval no longer than the lifetime");
        }
        this.client = client;
        this.uri = uri;
        this.lifetime = lifetime;
        this.minRefetch = minRefetch;
        this.time = time;
    }

    /** The keys that may have signed this token: all those trusted now, after a fetch if there are none. */
    Flux<JWK> keysFor(SignedJWT token) {
        return Mono.defer(() -> {
            Instant now = now();
            Keys known = keys;
            if (known == null || !known.trustedAt(now)) {
                return fetch();
            }
            String kid = token.getHeader().getKeyID();
            if (kid == null || known.hasKey(kid)) {
                return Mono.just(known);
            }
            // The keys stay trusted whatever this fetch does: failing, it leaves the token refused, not uncheckable.
            return fetchForUnknownKid(now).onErrorResume(error -> Mono.just(known)).defaultIfEmpty(known);
        }).flatMapIterable(found -> found.set().getKeys());
    }

    /**
     * Whether a token signed under {@code kid} may still be accepted without checking it again: the key is
     * in the keys trusted now. A token remembered by {@link CachingJwtDecoder} is checked again once its key
     * is gone, or once the keys are no longer trusted.
     */
    boolean publishes(String kid) {
        Keys known = keys;
        return known != null && known.trustedAt(now()) && known.hasKey(kid);
    }

    /** Fetches at once, then when a fifth of the keys' lifetime is left, and every {@code minRefetch} while that fails. */
    @Override
    protected Disposable run() {
        return Mono.defer(() -> Mono.delay(untilNextRefresh(), time))
                .then(Mono.defer(this::refresh))
                .repeat()
                .subscribe();
    }

    /** The keys' refresh is due, but never sooner than {@code minRefetch} after one failed; a fetch made for a request counts. */
    private Duration untilNextRefresh() {
        Instant now = now();
        Keys known = keys;
        Instant next = known == null ? now : known.trustedUntil().minus(lifetime.dividedBy(REFRESH_AHEAD_FRACTION));
        Instant failed = lastFailedRefresh;
        if (failed != null && next.isBefore(failed.plus(minRefetch))) {
            next = failed.plus(minRefetch);
        }
        return next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO;
    }

    private Mono<Void> refresh() {
        return fetch()
                .doOnNext(fetched -> lastFailedRefresh = null)
                .onErrorResume(error -> {
                    lastFailedRefresh = now();
                    Keys known = keys;
                    log.warn("could not refresh auth-service's keys from {} ({}); {}", uri, error.toString(),
                            known == null ? "no token can be checked until it answers" : "the last ones are trusted until " + known.trustedUntil());
                    return Mono.empty();
                })
                .then();
    }

    /** The fetch in flight, or a new one if the last that a foreign kid caused is at least {@code minRefetch} old; empty if neither. */
    private Mono<Keys> fetchForUnknownKid(Instant now) {
        CompletableFuture<Keys> running = inFlight.get();
        if (running != null) {
            return Mono.fromFuture(running, true);
        }
        Instant last = lastUnknownKidFetch.get();
        if (now.isBefore(last.plus(minRefetch)) || !lastUnknownKidFetch.compareAndSet(last, now)) {
            return Mono.empty();
        }
        return fetch();
    }

    /**
     * One GET of the JWKS shared by everyone asking while it runs; its result replaces the keys. The
     * fetch runs to its end even when the request that started it goes away, so the others still get it.
     */
    private Mono<Keys> fetch() {
        CompletableFuture<Keys> mine = new CompletableFuture<>();
        CompletableFuture<Keys> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return Mono.fromFuture(running, true);
        }
        Instant asked = now();
        Mono.defer(() -> client.get().uri(uri).accept(MediaType.APPLICATION_JSON).retrieve().bodyToMono(String.class))
                .timeout(FETCH_TIMEOUT)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("auth-service's JWKS answer was empty")))
                .map(body -> new Keys(parse(body), asked.plus(lifetime)))
                .subscribe(fetched -> {
                    keys = fetched;
                    inFlight.set(null);
                    mine.complete(fetched);
                }, error -> {
                    inFlight.set(null);
                    mine.completeExceptionally(error);
                });
        return Mono.fromFuture(mine, true);
    }

    /** Only public keys are kept: a symmetric or private key in the document is never used to verify. */
    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body).toPublicJWKSet();
        } catch (ParseException e) {
            throw new IllegalStateException("auth-service's JWKS is not a JWK set: " + e.getMessage(), e);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(time.now(TimeUnit.MILLISECONDS));
    }
}
