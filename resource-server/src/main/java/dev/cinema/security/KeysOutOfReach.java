package dev.cinema.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A decoder whose keys could not be fetched (auth-service down or slow when this service asked
 * for its JWKS) fails with {@link KeysOutOfReachException}, which says nothing about the token: the
 * security chain answers it 503 with {@code Retry-After}, not 401 (the token may be good) and not
 * 500. Nimbus' own decoder fails with a bare {@code IllegalStateException} there, which reached
 * viewers as a 500 for as long as auth-service was away.
 */
final class KeysOutOfReach implements ReactiveJwtDecoder {

    /** The keys that would check the token could not be had; the token itself may well be good. */
    static final class KeysOutOfReachException extends JwtException {
        KeysOutOfReachException(Throwable cause) {
            super("The keys that verify tokens could not be fetched: " + cause.getMessage(), cause);
        }
    }

    private final ReactiveJwtDecoder decoder;

    KeysOutOfReach(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        // A JwtException is the decoder's verdict on the token; anything else is the fetch of the keys failing.
        return decoder.decode(token).onErrorMap(error -> !(error instanceof JwtException), KeysOutOfReachException::new);
    }
}
