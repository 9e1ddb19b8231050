package dev.cinema.security.revocation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What auth-service's revocation feed answers ({@code GET /internal/v1/revocations?since=}): the
 * revocations made after {@code since} (all that still matter when there is none), the server's
 * {@code now} to ask from next time, and how long a revocation matters ({@code keepForSeconds}: an
 * access token's lifetime and the clock skew allowed, after which every token it refuses has expired).
 */
public record RevocationBatch(Instant now, long keepForSeconds, List<Revocation> revocations) {

    /**
     * Either a session signed out ({@code sid}: every token of that session is refused), or a user's
     * tokens below a version ({@code sub} and {@code minVersion}: tokens whose {@code ver} is lower are refused).
     */
    public record Revocation(Instant at, UUID sid, UUID sub, Integer minVersion) {

        public static Revocation session(Instant at, UUID sessionId) {
            return new Revocation(at, sessionId, null, null);
        }

        public static Revocation userBelow(Instant at, UUID userId, int minVersion) {
            return new Revocation(at, null, userId, minVersion);
        }
    }
}
