package dev.cinema.ugc.outbox;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event waiting in its document's outbox until the relay has published it. {@code sequence}
 * orders the events of one instance that share a millisecond.
 */
public record PendingEvent(UUID eventId, EventType type, Instant occurredAt, long sequence) {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    public static PendingEvent now(EventType type) {
        return new PendingEvent(UUID.randomUUID(), type, Instant.now(), SEQUENCE.incrementAndGet());
    }
}
