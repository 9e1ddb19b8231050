package dev.cinema.ugc.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * The value of a record on {@code ugc.reactions.v1}; the record's key is the user id.
 * {@code version} orders the events of one viewer and film (null for events older than versions).
 */
record ReactionEvent(UUID eventId, UUID userId, UUID filmId, EventType type, Instant occurredAt, Long version) {
}
