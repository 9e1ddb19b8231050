package dev.cinema.ugc.reaction;

import dev.cinema.ugc.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything one viewer said about one film, and the events not yet published about it: one
 * document, so a reaction and its event are written in one atomic write (no transaction).
 * The id is {@code userId:filmId}, so two identical requests at once still make one document.
 * {@code version} counts the document's changes; each event carries the version its change made.
 * A removed reaction or exclusion leaves the document (and its version) in place: it is the
 * tombstone that keeps a late, older event from bringing the reaction back.
 */
@Document(UserFilm.COLLECTION)
public record UserFilm(@Id String id, UUID userId, UUID filmId, ReactionValue value, Instant reactedAt,
                       Boolean excluded, Instant excludedAt, Long version, List<PendingEvent> outbox) {

    public static final String COLLECTION = "user_films";

    /** Events waiting for the relay, oldest first. */
    public List<PendingEvent> outbox() {
        return outbox == null ? List.of() : outbox;
    }

    boolean isExcluded() {
        return Boolean.TRUE.equals(excluded);
    }

    public static String id(UUID userId, UUID filmId) {
        return userId + ":" + filmId;
    }
}
