package dev.cinema.security.revocation;

import dev.cinema.security.revocation.RevocationBatch.Revocation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationFeedTest {

    private static final long KEEP_FOR = 660;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final List<Revocation> published = new ArrayList<>();
    private final List<Instant> asked = new ArrayList<>();
    private final AtomicReference<RuntimeException> down = new AtomicReference<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RevocationList list = new RevocationList(clock);
    private final RevocationFeed feed = new RevocationFeed(this::since, list, Duration.ofSeconds(1), clock, meters);

    @Test
    void aTokenOfASessionSignedOutIsRefusedEvenWhenTheDecoderRemembersIt() {
        UUID session = UUID.randomUUID();
        Jwt token = token(UUID.randomUUID(), session, 0);
        RevocationChecking decoder = new RevocationChecking(raw -> Mono.just(token), list);
        StepVerifier.create(decoder.decode("t")).expectNext(token).verifyComplete();

        publish(Revocation.session(clock.instant(), session));
        feed.read().block();

        StepVerifier.create(decoder.decode("t")).expectError(BadJwtException.class).verify();
    }

    @Test
    void aUsersTokensBelowTheRevokedVersionAreRefusedAndNewerOnesAccepted() {
        UUID user = UUID.randomUUID();
        publish(Revocation.userBelow(clock.instant(), user, 3));
        feed.read().block();

        assertThat(list.refuses(token(user, UUID.randomUUID(), 2))).isTrue();
        assertThat(list.refuses(token(user, UUID.randomUUID(), 3))).isFalse();
        assertThat(list.refuses(token(UUID.randomUUID(), UUID.randomUUID(), 0))).as("another user").isFalse();
    }

    @Test
    void theFirstReadTakesEverythingThenEachAsksFromTheLastAnswerWithAnOverlap() {
        feed.read().block();
        clock.advance(Duration.ofSeconds(1));
        feed.read().block();

        assertThat(asked.get(0)).as("the first read, at start").isNull();
        assertThat(asked.get(1)).isEqualTo(Instant.parse("2026-12-01T12:00:00Z").minus(RevocationFeed.OVERLAP));
    }

    @Test
    void whileTheFeedIsDownWhatWasKnownStandsTheAgeGrowsAndOnItsReturnTheMissedRevocationsArrive() {
        UUID early = UUID.randomUUID();
        publish(Revocation.session(clock.instant(), early));
        feed.read().block();

        down.set(new IllegalStateException("auth-service is down"));
        UUID meanwhile = UUID.randomUUID();
        clock.advance(Duration.ofSeconds(30));
        publish(Revocation.session(clock.instant(), meanwhile));
        feed.read().block();
        feed.read().block();

        assertThat(list.refuses(token(UUID.randomUUID(), early, 0))).isTrue();
        assertThat(list.refuses(token(UUID.randomUUID(), meanwhile, 0))).isFalse();
        assertThat(meters.get("cinema.revocations.failures").counter().count()).isEqualTo(2);
        assertThat(meters.get("cinema.revocations.age").gauge().value()).isEqualTo(30.0);

        down.set(null);
        feed.read().block();

        assertThat(list.refuses(token(UUID.randomUUID(), meanwhile, 0))).isTrue();
        assertThat(meters.get("cinema.revocations.age").gauge().value()).isZero();
    }

    @Test
    void aRevocationIsForgottenOnceEveryTokenItRefusesHasExpired() {
        UUID session = UUID.randomUUID();
        publish(Revocation.session(clock.instant(), session));
        feed.read().block();
        published.clear();

        clock.advance(Duration.ofSeconds(KEEP_FOR + 1));
        feed.read().block();

        assertThat(list.size()).isZero();
    }

    private void publish(Revocation revocation) {
        published.add(revocation);
    }

    private Mono<RevocationBatch> since(Instant since) {
        asked.add(since);
        if (down.get() != null) {
            return Mono.error(down.get());
        }
        List<Revocation> after = published.stream().filter(r -> since == null || r.at().isAfter(since)).toList();
        return Mono.just(new RevocationBatch(clock.instant(), KEEP_FOR, after));
    }

    private Jwt token(UUID user, UUID session, int version) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject(user.toString())
                .claim(RevocationList.SESSION_CLAIM, session.toString()).claim(RevocationList.VERSION_CLAIM, version)
                .issuedAt(clock.instant()).expiresAt(clock.instant().plusSeconds(600)).build();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
