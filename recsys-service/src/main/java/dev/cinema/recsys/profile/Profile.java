package dev.cinema.recsys.profile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a viewer said about films, newest first.
 *
 * @param hidden the films never to recommend: disliked or "not interested"
 */
public record Profile(UUID userId, List<UUID> liked, List<UUID> disliked, List<UUID> excluded, Set<UUID> hidden) {

    record Stand(UUID filmId, int reaction, boolean excluded) {
    }

    static Profile of(UUID user, List<Stand> stands) {
        List<UUID> liked = stands.stream().filter(stand -> stand.reaction() == 1).map(Stand::filmId).toList();
        List<UUID> disliked = stands.stream().filter(stand -> stand.reaction() == -1).map(Stand::filmId).toList();
        List<UUID> excluded = stands.stream().filter(Stand::excluded).map(Stand::filmId).toList();
        Set<UUID> hidden = new LinkedHashSet<>(disliked);
        hidden.addAll(excluded);
        return new Profile(user, liked, disliked, excluded, Set.copyOf(hidden));
    }

    /** Films the viewer has already given a verdict on: not to be recommended. */
    public Set<UUID> known() {
        Set<UUID> known = new LinkedHashSet<>(liked);
        known.addAll(hidden);
        return known;
    }

    public boolean coldStart() {
        return liked.isEmpty();
    }
}
