package dev.cinema.recsys.profile;

import java.time.Instant;
import java.util.UUID;

/** One event of ugc-service's topic {@code ugc.reactions.v1}. */
public record ReactionEvent(UUID eventId, UUID userId, UUID filmId, Type type, Instant occurredAt) {

    public enum Type { LIKED, DISLIKED, REACTION_REMOVED, EXCLUDED, EXCLUSION_REMOVED, MORE_LIKE_THIS }

    boolean complete() {
        return eventId != null && userId != null && filmId != null && type != null && occurredAt != null;
    }
}
