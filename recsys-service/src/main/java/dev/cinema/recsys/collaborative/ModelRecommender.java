package dev.cinema.recsys.collaborative;

import dev.cinema.recsys.model.FilmFactors;
import dev.cinema.recsys.profile.Profile;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A viewer's films from the serving collaborative model, scored in memory: the viewer is folded in
 * from their likes and dislikes as they are now (a like made after the training counts at once; a
 * dislike or "not interested" is a preference of 0, as the training took it), and every film the
 * model knows is scored. Empty when there is no model yet or it knows none of the viewer's likes.
 */
@Component
public class ModelRecommender {

    /**
     * @param because the liked film that contributes most to the film's score
     */
    public record Pick(UUID film, double score, UUID because) {
    }

    private final ServingModel serving;

    ModelRecommender(ServingModel serving) {
        this.serving = serving;
    }

    public boolean hasModel() {
        return serving.current().isPresent();
    }

    /** Whether the serving model knows this film (it was liked or disliked before the training). */
    public boolean knows(UUID film) {
        return serving.current().map(model -> model.factors().knows(film)).orElse(false);
    }

    /** Whether the model knows one of the viewer's likes: then it has something to say about them. */
    public boolean knowsALikeOf(Profile profile) {
        return likes(profile).stream().anyMatch(this::knows);
    }

    /** The {@code limit} best films for the viewer, none they gave a verdict on. */
    public List<Pick> recommend(Profile profile, int limit) {
        Optional<ServingModel.Loaded> model = serving.current();
        List<UUID> likes = likes(profile);
        if (model.isEmpty() || likes.isEmpty()) {
            return List.of();
        }
        return picks(model.get().factors().foldIn(likes, List.copyOf(profile.hidden())), limit, profile.known());
    }

    /**
     * "More like this": the films the model gives a viewer whose one like is the seed (its
     * neighbours in the model's taste), the viewer's dislikes and exclusions still pushing
     * similar films down; none they gave a verdict on. Empty when the model does not know the seed.
     */
    public List<Pick> moreLike(UUID seed, Profile profile, int limit) {
        Optional<ServingModel.Loaded> model = serving.current();
        if (model.isEmpty() || !model.get().factors().knows(seed)) {
            return List.of();
        }
        Set<UUID> shown = new HashSet<>(profile.known());
        shown.add(seed);
        return picks(model.get().factors().foldIn(List.of(seed), List.copyOf(profile.hidden())), limit, shown);
    }

    /** The viewer's {@code limit} best films but those shown, each with the like it follows from. */
    private static List<Pick> picks(FilmFactors.Viewer viewer, int limit, Set<UUID> shown) {
        List<Pick> picks = new ArrayList<>();
        for (FilmFactors.Scored scored : viewer.top(limit, shown)) {
            picks.add(new Pick(scored.film(), scored.score(), viewer.because(scored.film())));
        }
        return picks;
    }

    /** The likes that stand: a liked film later marked "not interested" counts as hidden only, as the training took it. */
    private static List<UUID> likes(Profile profile) {
        return profile.liked().stream().filter(film -> !profile.hidden().contains(film)).toList();
    }
}
