package dev.cinema.recsys.refresh;

import dev.cinema.recsys.catalog.CachedFilms;
import dev.cinema.recsys.catalog.Catalog;
import dev.cinema.recsys.catalog.CatalogFilm;
import dev.cinema.recsys.catalog.Embeddings;
import dev.cinema.recsys.collaborative.ColdFilms;
import dev.cinema.recsys.collaborative.ModelRecommender;
import dev.cinema.recsys.profile.Profile;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The recommender that needs no LLM. With a collaborative model ({@link ModelRecommender}, trained by
 * recsys-training): the model's picks for the viewer as they are now, and films the model cannot
 * know (nobody had liked them when it was trained) by how near their embeddings are to the viewer's
 * recent likes; "more like this" takes the seed's neighbours in the model and in content. Without
 * one (a young platform): films whose embeddings (all-MiniLM-L6-v2, written by catalog-etl) are
 * nearest to the viewer's recent likes, blended with co-likes ("viewers who liked X also liked
 * Y"); a "more like this" seed takes the place of the likes. Never a film the viewer
 * already liked, disliked or excluded. No likes and no seed: nothing (the feed is the ranking).
 */
@Component
public class BuiltInRecommender {

    /** The likes that shape the taste: the most recent ones. */
    static final int RECENT_LIKES = 20;
    /**
     * The crowd weighs more than the text: on MovieLens (./local_run.sh eval) similarity alone
     * scored NDCG@10 0.006, co-likes alone 0.079, this blend 0.075 with twice the catalog coverage;
     * where few viewers have liked anything yet, the co-likes are empty and similarity decides.
     */
    static final double SIMILARITY_WEIGHT = 0.3;
    static final double CO_LIKE_WEIGHT = 0.7;

    /**
     * How the model's picks and the films it cannot know are weighed against each other.
     *
     * @param coldFilmWeight a film the model does not know scores this much per unit of content
     *                       similarity (the cosine of its embedding and the mean of the recent likes'),
     *                       beside the model's predicted preferences (0 to 1 for a film like the likes)
     */
    public record Blend(double coldFilmWeight) {
        /**
         * Chosen on the offline evaluation's validation split (ml-latest-small, 2026-12-02, the films
         * the model cannot know searched among themselves: NDCG@10 0.1061 at 0 and at 0.1, 0.1050 at
         * 0.3, 0.0458 at 1; the main README): of equal ones the largest, so that the films nobody liked
         * yet reach the lists that have room for them.
         */
        public static final Blend SERVED = new Blend(0.1);
    }

    private final Catalog catalog;
    private final CachedFilms cachedFilms;
    private final CoLikes coLikes;
    private final ModelRecommender model;
    private final ColdFilms coldFilms;

    BuiltInRecommender(Catalog catalog, CachedFilms cachedFilms, CoLikes coLikes, ModelRecommender model, ColdFilms coldFilms) {
        this.catalog = catalog;
        this.cachedFilms = cachedFilms;
        this.coLikes = coLikes;
        this.model = model;
        this.coldFilms = coldFilms;
    }

    public Mono<List<Recommendation>> recommend(Profile profile, UUID seed, int limit) {
        return recommend(profile, seed, limit, Blend.SERVED);
    }

    /** With the weights given: the offline evaluation tries several on its validation split. */
    public Mono<List<Recommendation>> recommend(Profile profile, UUID seed, int limit, Blend weights) {
        if (seed != null ? model.knows(seed) : model.knowsALikeOf(profile)) {
            return fromModel(profile, seed, limit, weights);
        }
        List<UUID> taste = taste(profile, seed);
        if (taste.isEmpty()) {
            return Mono.just(List.of());
        }
        Set<UUID> excluded = excluded(profile, taste);
        return cachedFilms.films(taste).flatMap(sources -> {
            Mono<List<Catalog.Scored>> similar = nearest(sources, excluded, 2 * limit);
            Mono<List<CoLikes.CoLiked>> coLiked = seed != null ? Mono.just(List.of()) : coLikes.of(profile.userId(), taste, 2 * limit);
            return Mono.zip(similar, coLiked).flatMap(both -> blend(both.getT1(), both.getT2(), sources, excluded, seed != null, limit));
        });
    }

    /**
     * Content similarity alone: the films whose embeddings are nearest to the mean of the viewer's
     * recent likes', the part that reaches films nobody liked yet (the offline evaluation's row of it).
     */
    public Mono<List<UUID>> nearestToRecentLikes(Profile profile, int limit) {
        List<UUID> taste = taste(profile, null);
        return cachedFilms.films(taste).flatMap(films -> nearest(films, excluded(profile, taste), limit))
                .map(near -> near.stream().map(scored -> UUID.fromString(scored.film().id())).toList());
    }

    /** The films that shape the taste: the seed of "more like this", else the viewer's recent likes. */
    private static List<UUID> taste(Profile profile, UUID seed) {
        return seed != null ? List.of(seed) : profile.liked().stream().limit(RECENT_LIKES).toList();
    }

    /** Never recommended: what the viewer gave a verdict on, and the taste itself. */
    private static Set<UUID> excluded(Profile profile, List<UUID> taste) {
        Set<UUID> excluded = new HashSet<>(profile.known());
        excluded.addAll(taste);
        return excluded;
    }

    /** The {@code k} films nearest to the mean of the taste films' embeddings; none when no taste film has one. */
    private Mono<List<Catalog.Scored>> nearest(List<CatalogFilm> taste, Set<UUID> excluded, int k) {
        return meanEmbedding(taste).map(mean -> catalog.nearest(mean, excluded, k)).orElse(Mono.just(List.of()));
    }

    /** The {@code k} films the model cannot know nearest to the mean of the taste films' embeddings; none when no taste film has one. */
    private Mono<List<ColdFilms.Near>> nearestCold(List<CatalogFilm> taste, Set<UUID> excluded, int k) {
        return meanEmbedding(taste).map(mean -> coldFilms.nearest(mean, excluded, k)).orElse(Mono.just(List.of()));
    }

    private static Optional<float[]> meanEmbedding(List<CatalogFilm> films) {
        List<float[]> vectors = films.stream().map(CatalogFilm::embedding).filter(Objects::nonNull).toList();
        return vectors.isEmpty() ? Optional.empty() : Optional.of(Embeddings.mean(vectors));
    }

    private Mono<List<Recommendation>> blend(List<Catalog.Scored> similar, List<CoLikes.CoLiked> coLiked, List<CatalogFilm> taste,
                                             Set<UUID> excluded, boolean seeded, int limit) {
        Map<UUID, Double> similarity = new HashMap<>();
        for (Catalog.Scored scored : similar) {
            // Elasticsearch scores cosine as (1 + cos) / 2: an unrelated film scores 0.5, and counts 0 here.
            similarity.put(UUID.fromString(scored.film().id()), SIMILARITY_WEIGHT * Math.max(0, 2 * scored.score() - 1));
        }
        long most = coLiked.stream().mapToLong(CoLikes.CoLiked::count).max().orElse(1);
        Map<UUID, Double> coLiking = new HashMap<>();
        Map<UUID, UUID> via = new HashMap<>();
        for (CoLikes.CoLiked film : coLiked) {
            if (!excluded.contains(film.filmId())) {
                coLiking.put(film.filmId(), CO_LIKE_WEIGHT * film.count() / most);
                via.put(film.filmId(), film.via());
            }
        }
        Map<UUID, Double> scores = new HashMap<>(similarity);
        coLiking.forEach((id, score) -> scores.merge(id, score, Double::sum));
        scores.values().removeIf(score -> score <= 0);
        List<UUID> best = scores.entrySet().stream()
                .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
        // The reason is the part that weighs more: the liked film nearest to it, or the co-liked one.
        Set<UUID> similarReason = best.stream().filter(id -> similarity.containsKey(id) && similarity.get(id) >= coLiking.getOrDefault(id, 0.0))
                .collect(Collectors.toSet());
        Map<UUID, String> tasteTitles = taste.stream().collect(Collectors.toMap(film -> UUID.fromString(film.id()), CatalogFilm::title));
        // Films the kNN search found are in the catalog; the ones known from co-likes alone are looked
        // up, and those of the kNN search whose reason it gives, for their vectors.
        List<UUID> lookedUp = best.stream().filter(id -> !similarity.containsKey(id) || similarReason.contains(id)).toList();
        return cachedFilms.films(lookedUp).map(found -> {
            Map<UUID, CatalogFilm> films = found.stream().collect(Collectors.toMap(film -> UUID.fromString(film.id()), film -> film));
            return best.stream()
                    .filter(id -> similarity.containsKey(id) || films.containsKey(id))
                    .map(id -> new Recommendation(id, Recommendation.SIMILAR, similarReason.contains(id)
                            ? similarityReason(films.get(id), taste, seeded)
                            : "viewers who liked " + tasteTitles.getOrDefault(via.get(id), "what you liked") + " liked it too"))
                    .toList();
        });
    }

    /** A film the model picked, or one it cannot know that is like the viewer's recent likes. */
    private record Candidate(UUID film, double score, UUID becauseOfModel, boolean cold) {
    }

    /** The model's picks (around the seed, if one is given), and the films it cannot know by content. */
    private Mono<List<Recommendation>> fromModel(Profile profile, UUID seed, int limit, Blend weights) {
        // twice as many as needed: a film can have left the catalog since the model was trained
        List<ModelRecommender.Pick> picks = seed != null ? model.moreLike(seed, profile, 2 * limit) : model.recommend(profile, 2 * limit);
        List<UUID> taste = taste(profile, seed);
        Set<UUID> excluded = excluded(profile, taste);
        return cachedFilms.films(taste).flatMap(tasteFilms -> {
            Mono<List<ColdFilms.Near>> nearCold = weights.coldFilmWeight() <= 0 ? Mono.just(List.of()) : nearestCold(tasteFilms, excluded, 2 * limit);
            return nearCold.flatMap(cold -> {
                List<Candidate> candidates = new ArrayList<>();
                picks.forEach(pick -> candidates.add(new Candidate(pick.film(), pick.score(), pick.because(), false)));
                cold.forEach(near -> candidates.add(new Candidate(near.film(), weights.coldFilmWeight() * Math.max(0, near.cosine()), null, true)));
                candidates.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::film));
                Set<UUID> ids = new HashSet<>();
                candidates.forEach(candidate -> {
                    ids.add(candidate.film());
                    if (candidate.becauseOfModel() != null) {
                        ids.add(candidate.becauseOfModel());
                    }
                });
                return cachedFilms.films(ids).map(found -> {
                    Map<UUID, CatalogFilm> films = found.stream().collect(Collectors.toMap(film -> UUID.fromString(film.id()), film -> film));
                    return candidates.stream()
                            .filter(candidate -> films.containsKey(candidate.film()) && candidate.score() > 0)
                            .limit(limit)
                            .map(candidate -> new Recommendation(candidate.film(), Recommendation.SIMILAR, candidate.cold()
                                    ? similarityReason(films.get(candidate.film()), tasteFilms, seed != null)
                                    : modelReason(films.get(candidate.becauseOfModel()))))
                            .toList();
                });
            });
        });
    }

    private static String modelReason(CatalogFilm liked) {
        return liked == null ? "viewers with your taste liked it" : "viewers who liked " + liked.title() + " liked it too";
    }

    private static String similarityReason(CatalogFilm film, List<CatalogFilm> taste, boolean seeded) {
        CatalogFilm closest = Embeddings.closest(film == null ? null : film.embedding(), taste);
        return closest == null ? "similar to what you liked" : (seeded ? "more like " : "because you liked ") + closest.title();
    }
}
