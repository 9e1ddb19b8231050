package dev.cinema.security.revocation;

import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocations this service knows of, each kept until every token it refuses has expired anyway.
 * Applying a revocation twice, or an older one after a newer, changes nothing: the feed is read
 * with an overlap, so that a revocation committed late is not missed.
 */
public final class RevocationList {

    /** The claim naming the session (the refresh-token family) a token was issued for. */
    public static final String SESSION_CLAIM = "sid";
    /** The claim carrying the user's token version when the token was issued. */
    public static final String VERSION_CLAIM = "ver";

    private record MinVersion(int version, Instant forgetAt) {
    }

    private final Clock clock;
    private final Map<UUID, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<UUID, MinVersion> users = new ConcurrentHashMap<>();

    public RevocationList(Clock clock) {
        this.clock = clock;
    }

    public void apply(RevocationBatch batch) {
        for (RevocationBatch.Revocation revocation : batch.revocations()) {
            Instant forgetAt = revocation.at().plusSeconds(batch.keepForSeconds());
            if (revocation.sid() != null) {
                sessions.merge(revocation.sid(), forgetAt, (a, b) -> a.isAfter(b) ? a : b);
            } else if (revocation.sub() != null && revocation.minVersion() != null) {
                users.merge(revocation.sub(), new MinVersion(revocation.minVersion(), forgetAt), (a, b) -> new MinVersion(
                        Math.max(a.version(), b.version()), a.forgetAt().isAfter(b.forgetAt()) ? a.forgetAt() : b.forgetAt()));
            }
        }
        forgetExpired();
    }

    /** Whether the token belongs to a session signed out, or was issued before its user's tokens were revoked. */
    public boolean refuses(Jwt jwt) {
        String sid = jwt.getClaimAsString(SESSION_CLAIM);
        if (sid != null && !sessions.isEmpty()) {
            try {
                if (sessions.containsKey(UUID.fromString(sid))) {
                    return true;
                }
            } catch (IllegalArgumentException notAUuid) {
                return true;
            }
        }
        if (users.isEmpty() || jwt.getSubject() == null) {
            return false;
        }
        MinVersion min;
        try {
            min = users.get(UUID.fromString(jwt.getSubject()));
        } catch (IllegalArgumentException notAUuid) {
            return true;
        }
        return min != null && version(jwt) < min.version();
    }

    public int size() {
        return sessions.size() + users.size();
    }

    /** A token from before versions were given out has version 0. */
    private static int version(Jwt jwt) {
        Object version = jwt.getClaims().get(VERSION_CLAIM);
        return version instanceof Number number ? number.intValue() : 0;
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(forgetAt -> forgetAt.isBefore(now));
        users.values().removeIf(min -> min.forgetAt().isBefore(now));
    }
}
