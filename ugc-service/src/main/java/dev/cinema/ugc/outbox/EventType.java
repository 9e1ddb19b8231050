package dev.cinema.ugc.outbox;

/** What a viewer did, as the {@code type} of an event on {@code ugc.reactions.v1}. */
public enum EventType {
    LIKED, DISLIKED, REACTION_REMOVED, EXCLUDED, EXCLUSION_REMOVED, MORE_LIKE_THIS
}
