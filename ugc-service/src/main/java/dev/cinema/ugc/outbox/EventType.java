package dev.cinema.ugc.outbox;

/** What a viewer did, as the {@code type} of an event on {@code ugc.reactions.v1}. */
public enum EventType {
    LIKED, DISLIKED, REACTION_REMOVED, EXCLUDED, EXCLUSION_REMOVED, MORE_LIKE_THIS;

    /**
     * Whether an unpublished event of this type makes one of {@code older} pointless: both say the
     * state of the same thing (the reaction, the exclusion, the wish for more like this), and
     * consumers keep only the newest version of it anyway.
     */
    public boolean supersedes(EventType older) {
        return subject() == older.subject();
    }

    private int subject() {
        return switch (this) {
            case LIKED, DISLIKED, REACTION_REMOVED -> 0;
            case EXCLUDED, EXCLUSION_REMOVED -> 1;
            case MORE_LIKE_THIS -> 2;
        };
    }
}
