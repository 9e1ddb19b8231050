package dev.cinema.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingJwtDecoderTest {

    private final AtomicInteger verifications = new AtomicInteger();

    private CachingJwtDecoder decoder(Instant expiresAt) {
        return new CachingJwtDecoder(token -> {
            verifications.incrementAndGet();
            if (token.startsWith("bad")) {
                return Mono.error(new BadJwtException("bad signature"));
            }
            return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("user")
                    .issuedAt(Instant.now().minusSeconds(1)).expiresAt(expiresAt).build());
        }, 100, Duration.ofMinutes(5));
    }

    @Test
    void anAcceptedTokenIsVerifiedOnce() {
        CachingJwtDecoder decoder = decoder(Instant.now().plusSeconds(600));
        Jwt first = decoder.decode("token-a").block();
        Jwt second = decoder.decode("token-a").block();
        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
        decoder.decode("token-b").block();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsVerifiedEveryTime() {
        CachingJwtDecoder decoder = decoder(Instant.now().plusSeconds(600));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode("bad-token").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenIsForgottenWhenItExpires() throws InterruptedException {
        CachingJwtDecoder decoder = decoder(Instant.now().plusMillis(300));
        decoder.decode("token-a").block();
        Thread.sleep(400);
        decoder.decode("token-a").block();
        assertThat(verifications).hasValue(2);
    }
}
