package dev.cinema.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CachingJwtDecoderTest {

    private final AtomicInteger verifications = new AtomicInteger();
    /** The kids of the keys trusted now; every token here is signed under k1. */
    private final Set<String> trustedKids = ConcurrentHashMap.newKeySet();

    private CachingJwtDecoder decoder(Instant expiresAt) {
        trustedKids.add("k1");
        return new CachingJwtDecoder(token -> {
            verifications.incrementAndGet();
            if (token.startsWith("bad")) {
                return Mono.error(new BadJwtException("bad signature"));
            }
            return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").header("kid", "k1").subject("user")
                    .issuedAt(Instant.now().minusSeconds(1)).expiresAt(expiresAt).build());
        }, trustedKids::contains, 100, Duration.ofMinutes(5));
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
    void aTokenIsForgottenWhenItExpires() {
        CachingJwtDecoder decoder = decoder(Instant.now().plusMillis(300));
        decoder.decode("token-a").block();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            decoder.decode("token-a").block();
            return verifications.get() == 2;
        });
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItsKeyIsNoLongerTrusted() {
        CachingJwtDecoder decoder = decoder(Instant.now().plusSeconds(600));
        decoder.decode("token-a").block();

        trustedKids.remove("k1");
        decoder.decode("token-a").block();

        assertThat(verifications).hasValue(2);
    }
}
