package dev.cinema.security.revocation;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Refuses a revoked token (401) after the decoder accepted it: outermost, so that a token the
 * decoder's cache remembers is checked at every request too.
 */
public final class RevocationChecking implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final RevocationList revocations;

    public RevocationChecking(ReactiveJwtDecoder decoder, RevocationList revocations) {
        this.decoder = decoder;
        this.revocations = revocations;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return decoder.decode(token).handle((jwt, sink) -> {
            if (revocations.refuses(jwt)) {
                sink.error(new BadJwtException("The token was revoked: its session was signed out, or its account changed. Sign in again."));
            } else {
                sink.next(jwt);
            }
        });
    }
}
