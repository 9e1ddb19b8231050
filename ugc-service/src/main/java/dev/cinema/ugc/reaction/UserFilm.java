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
 */
@Document(UserFilm.COLLECTION)
public record UserFilm(@Id String id, UUID userId, UUID filmId, ReactionValue value, Instant reactedAt,
                       Boolean excluded, Instant excludedAt, List<PendingEvent> outbox) {

    public static final String COLLECTION = "user_films";

    /** Events waiting for the relay, oldest first. */
    public List<PendingEvent> outbox() {
        return outbox == null ? List.of() : outbox;
    }

    public static String id(UUID userId, UUID filmId) {
        return userId + ":" + filmId;
    }
}
