package dev.cinema.platform.replay;

import dev.cinema.recsys.evaluation.MovieLens.Rating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MovieLens viewers the replay plays, each with the reactions it sends: the training part of
 * the evaluation's split, in the order the viewer made them.
 *
 * @param userId MovieLens' user id; the account is {@code movielens-<userId>}
 */
record ReplayViewers(List<Viewer> viewers) {

    record Viewer(long userId, List<Rating> reactions) {

        String login() {
            return "movielens-" + userId;
        }

        /** Fixed, so that the scoring phase can log in again; these accounts exist only on the replay's own platform. */
        String password() {
            return "replay-password-" + userId;
        }
    }

    static ReplayViewers of(List<Rating> training) {
        Map<Long, List<Rating>> byViewer = new TreeMap<>();
        training.forEach(rating -> byViewer.computeIfAbsent(rating.userId(), viewer -> new ArrayList<>()).add(rating));
        List<Viewer> viewers = new ArrayList<>();
        byViewer.forEach((viewer, reactions) -> viewers.add(new Viewer(viewer,
                reactions.stream().sorted(Comparator.comparingLong(Rating::timestamp).thenComparingLong(Rating::movieId)).toList())));
        return new ReplayViewers(List.copyOf(viewers));
    }

    int reactions() {
        return viewers.stream().mapToInt(viewer -> viewer.reactions().size()).sum();
    }
}
