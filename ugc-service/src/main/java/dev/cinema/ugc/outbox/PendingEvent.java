package dev.cinema.ugc.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in its document's outbox until the relay has published it. {@code version} is
 * the document's version that the change made: consumers keep, per viewer and film, the state of
 * the highest version they have seen, so events that arrive out of order (two instances, a relay
 * retrying) cannot bring back an older state. Events written before versions existed have none.
 */
public record PendingEvent(UUID eventId, EventType type, Instant occurredAt, Long version) {

    public static PendingEvent of(EventType type, long version) {
        return new PendingEvent(UUID.randomUUID(), type, Instant.now(), version);
    }
}
