package dev.cinema.recsys.profile;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of ugc-service's topic {@code ugc.reactions.v1}. {@code version} orders the events of one
 * viewer and film (null in events written before versions existed: applied as they come).
 */
public record ReactionEvent(UUID eventId, UUID userId, UUID filmId, Type type, Instant occurredAt, Long version) {

    public enum Type { LIKED, DISLIKED, REACTION_REMOVED, EXCLUDED, EXCLUSION_REMOVED, MORE_LIKE_THIS }

    boolean complete() {
        return eventId != null && userId != null && filmId != null && type != null && occurredAt != null
                && (version == null || version > 0);
    }

    /** Whether this event is newer than the state stored from {@code stored} (null: none known). */
    boolean newerThan(Long stored) {
        return version == null || stored == null || version > stored;
    }
}
