package dev.cinema.ugc.reaction;

import dev.cinema.ugc.outbox.EventType;

public enum ReactionValue {
    LIKE(EventType.LIKED), DISLIKE(EventType.DISLIKED);

    final EventType event;

    ReactionValue(EventType event) {
        this.event = event;
    }
}
