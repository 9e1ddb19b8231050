package dev.cinema.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.JoseHeaderNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Remembers tokens that passed the decoder until they expire, so a client's every request does
 * not verify the same RSA signature again (under load that verification was a quarter of a
 * service's CPU). Only accepted tokens are remembered; a remembered token is dropped at its
 * {@code exp}, never later than {@code maxAge}, and is checked again as soon as the key that signed it is
 * no longer trusted ({@code keyStillTrusted}, given the token's {@code kid}): a key auth-service withdrew
 * must not keep working through tokens remembered before. That costs a lookup among a handful of keys per
 * request; bounding the memory by the keys' lifetime instead would have let such a token through for up to
 * a lifetime after the keys had been refreshed without its key.
 */
public final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final Predicate<String> keyStillTrusted;
    private final Cache<String, Jwt> verified;

    public CachingJwtDecoder(ReactiveJwtDecoder decoder, Predicate<String> keyStillTrusted, long maxTokens, Duration maxAge) {
        this.decoder = decoder;
        this.keyStillTrusted = keyStillTrusted;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt, maxAge)))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (keyStillTrusted.test(known.getHeaders().get(JoseHeaderNames.KID) instanceof String kid ? kid : null)) {
                return Mono.just(known);
            }
            verified.invalidate(token);
        }
        return decoder.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    private static Duration untilExpiry(Jwt jwt, Duration maxAge) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(maxAge) < 0 ? left : maxAge;
    }
}
