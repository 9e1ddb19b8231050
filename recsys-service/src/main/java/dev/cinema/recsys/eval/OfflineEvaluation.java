package dev.cinema.recsys.eval;

import dev.cinema.recsys.RecsysSettings;
import dev.cinema.recsys.collaborative.ModelRecommender;
import dev.cinema.recsys.evaluation.Holdout;
import dev.cinema.recsys.evaluation.LikeCounts;
import dev.cinema.recsys.evaluation.MovieLens;
import dev.cinema.recsys.evaluation.MovieLens.Movie;
import dev.cinema.recsys.evaluation.MovieLens.Rating;
import dev.cinema.recsys.evaluation.RatioInterval;
import dev.cinema.recsys.evaluation.TopTen;
import dev.cinema.recsys.profile.Profile;
import dev.cinema.recsys.profile.Profiles;
import dev.cinema.recsys.ranking.RankingScore;
import dev.cinema.recsys.ranking.RankingWeights;
import dev.cinema.recsys.refresh.BuiltInRecommender;
import dev.cinema.recsys.refresh.Recommendation;
import dev.cinema.recsys.refresh.ViewerRecommender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The offline evaluation ({@code ./local_run.sh eval DIR}): MovieLens' films become a catalog index
 * of their own, the {@link Holdout} training likes and dislikes become viewers' profiles in
 * recsys-service's own tables (schema {@code recsys_eval}), and each tested viewer's top 10 from the
 * code that serves users is scored against the likes held out:
 * <ul>
 * <li>ranking: the feed's fallback, the platform's {@link RankingScore} over the training votes
 *     (MovieLens has no IMDb rating, so every film's prior is the mean rating), its dislike weight
 *     chosen on the validation split ({@link NonPersonal});</li>
 * <li>like-count popularity: the films most liked in the training part, the plainest non-personal list;</li>
 * <li>the reference: {@link ItemKnn}, its neighbourhood size chosen on a validation split of the
 *     training part;</li>
 * <li>the collaborative model alone ({@link ModelRecommender}), trained by recsys-training's job on
 *     the training part ({@link EvaluationModel}; ALS's constants chosen by the job on a validation
 *     split of it), filled up with the ranking;</li>
 * <li>content similarity alone: the films whose embeddings are nearest to the viewer's recent likes',
 *     the part of the built-in that reaches films nobody liked yet, filled up with the ranking;</li>
 * <li>built-in: {@link BuiltInRecommender} as served (the model and content), filled up with the
 *     ranking the way the feed fills it; the blend's weight chosen on the validation split (the
 *     training part's latest likes held out, a model trained on the rest);</li>
 * <li>LLM then built-in ({@link ViewerRecommender}: the LLM ranking the candidates a refresh gives it,
 *     asked for each viewer whatever its cadence), when a provider is configured, for the first
 *     {@code recsys.eval.llm-viewers} tested viewers, beside the built-in on those same viewers.</li>
 * </ul>
 * Each row's NDCG@10 is given as a ratio to the ranking's with a 95% bootstrap interval over the
 * viewers ({@link RatioInterval}).
 */
@Component
@org.springframework.context.annotation.Profile("eval")
public class OfflineEvaluation {

    private static final Logger log = LoggerFactory.getLogger(OfflineEvaluation.class);
    static final double HELD_OUT_SHARE = 0.2;
    private static final int AT_ONCE = 4;
    private static final int INSERT_BATCH = 5_000;

    /**
     * The figures of one run.
     *
     * @param rankingValidation   the ranking's NDCG@10 on the validation split, per dislike weight tried
     * @param referenceValidation the reference's NDCG@10 on the validation split, per neighbourhood size tried
     * @param blendValidation     the built-in's NDCG@10 on the validation split, per weight of films the model cannot know
     * @param modelTraining       the training job's report on the training part (JSON; empty without a training jar)
     */
    public record Report(int viewers, int films, int ratings, int heldOut, List<Row> rows, Map<Double, Double> rankingValidation,
                         Map<Integer, Double> referenceValidation, Map<Double, Double> blendValidation, String modelTraining, double seconds) {

        /**
         * @param toRanking    this row's mean NDCG@10 over the ranking's, with its 95% interval
         * @param toPopularity the same over like-count popularity's
         */
        public record Row(String recommender, int viewers, double ndcg, double recall, double hitRate, double coverage, int filled,
                          RatioInterval toRanking, RatioInterval toPopularity) {
        }

        public Row row(String recommender) {
            return rows.stream().filter(row -> row.recommender().equals(recommender)).findFirst().orElseThrow();
        }

        public String table() {
            StringBuilder table = new StringBuilder();
            table.append("MovieLens: %,d films, %,d ratings; %,d viewers tested, %,d likes held out (the latest %d%% of each viewer's)%n"
                    .formatted(films, ratings, viewers, heldOut, Math.round(HELD_OUT_SHARE * 100)));
            table.append("%-22s %8s %8s %9s %7s %9s %8s  %-30s %s%n".formatted("recommender", "viewers", "NDCG@10", "Recall@10", "HR@10",
                    "coverage", "filled", "NDCG vs ranking [95% interval]", "vs like-count popularity"));
            for (Row row : rows) {
                table.append("%-22s %8d %8.4f %9.4f %7.4f %8.2f%% %8d  %-30s %s%n".formatted(row.recommender(), row.viewers(), row.ndcg(),
                        row.recall(), row.hitRate(), 100 * row.coverage(), row.filled(), interval(row.toRanking()), interval(row.toPopularity())));
            }
            table.append("(filled: viewers whose list the ranking completed to 10; intervals: %,d paired bootstrap resamples of the viewers; %.0f s)%n"
                    .formatted(RatioInterval.RESAMPLES, seconds));
            table.append("(ranking: the dislike weight chosen on the validation split; NDCG@10 by weight: %s)%n"
                    .formatted(byWeight(rankingValidation)));
            table.append("(reference: item-kNN's k chosen on the validation split, the latest %d%% of each viewer's training likes; NDCG@10 by k: %s)%n"
                    .formatted(Math.round(HELD_OUT_SHARE * 100), referenceValidation.entrySet().stream()
                            .map(entry -> "%d=%.4f".formatted(entry.getKey(), entry.getValue())).collect(Collectors.joining(", "))));
            if (!modelTraining.isEmpty()) {
                table.append("(built-in: the weight of films the model cannot know chosen on the validation split; NDCG@10 by weight: %s)%n"
                        .formatted(byWeight(blendValidation)));
                table.append("(collaborative model: %s)%n".formatted(modelTraining));
            }
            return table.toString();
        }

        private static String byWeight(Map<Double, Double> ndcgByWeight) {
            return ndcgByWeight.entrySet().stream().map(entry -> "%s=%.4f".formatted(entry.getKey(), entry.getValue()))
                    .collect(Collectors.joining(", "));
        }

        private static String interval(RatioInterval ratio) {
            return "%.2fx [%.2f, %.2f]".formatted(ratio.ratio(), ratio.low(), ratio.high());
        }
    }

    /** The weights of films the collaborative model cannot know that the validation split chooses from. */
    static final List<Double> BLENDS = List.of(0.0, 0.1, 0.3, 1.0);

    private final EvaluationCatalog catalog;
    private final Profiles profiles;
    private final BuiltInRecommender builtIn;
    private final ModelRecommender model;
    private final EvaluationModel evaluationModel;
    private final ViewerRecommender served;
    private final DatabaseClient db;
    private final RecsysSettings settings;
    private final int llmViewers;

    OfflineEvaluation(EvaluationCatalog catalog, Profiles profiles, BuiltInRecommender builtIn, ModelRecommender model, EvaluationModel evaluationModel,
                      ViewerRecommender served, DatabaseClient db, RecsysSettings settings, @Value("${recsys.eval.llm-viewers:50}") int llmViewers) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.builtIn = builtIn;
        this.model = model;
        this.evaluationModel = evaluationModel;
        this.served = served;
        this.db = db;
        this.settings = settings;
        this.llmViewers = llmViewers;
    }

    /** Told how many of the tested viewers are scored, as the evaluation goes. */
    public interface Progress {
        Progress NONE = (done, of) -> {
        };

        void viewers(long done, long of);
    }

    public Report run(Path dir) throws IOException {
        return run(dir, Progress.NONE);
    }

    public Report run(Path dir, Progress progress) throws IOException {
        long started = System.nanoTime();
        MovieLens movieLens = MovieLens.read(dir);
        catalog.load(movieLens.movies(), hash(dir.resolve("movies.csv")));
        Holdout holdout = Holdout.of(movieLens.ratings(), HELD_OUT_SHARE);
        NonPersonal.TunedRanking tunedRanking = NonPersonal.tunedRanking(movieLens.movies(), holdout.training(), HELD_OUT_SHARE,
                settings.ranking().priorLikes());
        log.info("ranking: dislike weight {} chosen on the validation split ({})", tunedRanking.dislikeWeight(), tunedRanking.validationNdcg());
        Map<Double, Double> blendValidation = evaluationModel.available() ? blendValidation(movieLens.movies(), holdout.training(), tunedRanking.dislikeWeight()) : Map.of();
        BuiltInRecommender.Blend blend = blendValidation.isEmpty() ? BuiltInRecommender.Blend.SERVED : new BuiltInRecommender.Blend(best(blendValidation));
        storeProfiles(holdout.training());
        String modelTraining = evaluationModel.available() ? evaluationModel.train() : "";
        List<UUID> ranking = filmIds(tunedRanking.order());
        List<UUID> popularity = filmIds(LikeCounts.mostLiked(movieLens.movies(), holdout.training()));
        ItemKnn.Tuned reference = ItemKnn.tuned(holdout.training(), HELD_OUT_SHARE);
        log.info("reference item-kNN: k {} chosen on the validation split ({})", reference.neighbours(), reference.validationNdcg());

        List<Long> tested = holdout.heldOut().keySet().stream().sorted().toList();
        AtomicLong scored = new AtomicLong();
        TopTen byRanking = new TopTen("ranking (baseline)");
        TopTen byPopularity = new TopTen("like-count popularity");
        TopTen byReference = new TopTen("item-kNN (k=" + reference.neighbours() + ")");
        TopTen byModel = new TopTen("collaborative model");
        TopTen byContent = new TopTen("content similarity");
        TopTen byBuiltIn = new TopTen("built-in");
        TopTen byLlm = new TopTen("LLM, then built-in");
        // the built-in on the LLM row's viewers alone: the two rows side by side on the same viewers
        TopTen byBuiltInForLlm = new TopTen("built-in, on the LLM row's viewers");
        Flux.fromIterable(tested).index().flatMap(numbered -> {
            long user = numbered.getT2();
            Set<UUID> relevant = holdout.heldOut().get(user).stream().map(MovieLens::filmId).collect(Collectors.toSet());
            return profiles.profile(MovieLens.userId(user)).flatMap(profile -> {
                byRanking.add(user, top(List.of(), ranking, profile), relevant, false);
                byPopularity.add(user, top(List.of(), popularity, profile), relevant, false);
                List<UUID> nearest = reference.model().recommend(user).stream().map(MovieLens::filmId).toList();
                byReference.add(user, top(nearest, ranking, profile), relevant, nearest.size() < TopTen.K);
                if (!modelTraining.isEmpty()) {
                    List<UUID> picks = model.recommend(profile, TopTen.K).stream().map(ModelRecommender.Pick::film).toList();
                    byModel.add(user, top(picks, ranking, profile), relevant, picks.size() < TopTen.K);
                }
                Mono<Void> contentTop = builtIn.nearestToRecentLikes(profile, TopTen.K)
                        .doOnNext(near -> byContent.add(user, top(near, ranking, profile), relevant, near.size() < TopTen.K))
                        .then();
                boolean llmViewer = served.llmEnabled() && numbered.getT1() < llmViewers;
                Mono<Void> builtInTop = builtIn.recommend(profile, null, TopTen.K, blend)
                        .doOnNext(recommended -> {
                            byBuiltIn.add(user, top(films(recommended), ranking, profile), relevant, recommended.size() < TopTen.K);
                            if (llmViewer) {
                                byBuiltInForLlm.add(user, top(films(recommended), ranking, profile), relevant, recommended.size() < TopTen.K);
                            }
                        })
                        .then();
                Mono<Void> llmTop = !llmViewer ? Mono.empty()
                        : served.recommend(profile, null, TopTen.K)
                        .doOnNext(recommended -> byLlm.add(user, top(films(recommended), ranking, profile), relevant, recommended.size() < TopTen.K))
                        .then();
                return contentTop.then(builtInTop).then(llmTop);
            }).then(Mono.fromRunnable(() -> {
                long done = scored.incrementAndGet();
                progress.viewers(done, tested.size());
                if (done % 100 == 0) {
                    log.info("evaluated {} of {} viewers", done, tested.size());
                }
            }));
        }, AT_ONCE).blockLast();

        List<Report.Row> rows = new ArrayList<>();
        int films = movieLens.movies().size();
        rows.add(row(byRanking, byRanking, byPopularity, films));
        rows.add(row(byPopularity, byRanking, byPopularity, films));
        rows.add(row(byReference, byRanking, byPopularity, films));
        if (!modelTraining.isEmpty()) {
            rows.add(row(byModel, byRanking, byPopularity, films));
        }
        rows.add(row(byContent, byRanking, byPopularity, films));
        rows.add(row(byBuiltIn, byRanking, byPopularity, films));
        if (served.llmEnabled()) {
            rows.add(row(byBuiltInForLlm, byRanking, byPopularity, films));
            rows.add(row(byLlm, byRanking, byPopularity, films));
        }
        int heldOut = holdout.heldOut().values().stream().mapToInt(Set::size).sum();
        return new Report(tested.size(), films, movieLens.ratings().size(), heldOut, rows, tunedRanking.validationNdcg(),
                reference.validationNdcg(), blendValidation,
                modelTraining, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The weight with the highest validation NDCG@10; of equal ones, the largest: the films nobody
     * liked yet then reach the lists that have room for them at no cost.
     */
    private static double best(Map<Double, Double> byWeight) {
        double best = BLENDS.getFirst();
        for (double weight : BLENDS) {
            if (byWeight.get(weight) >= byWeight.get(best)) {
                best = weight;
            }
        }
        return best;
    }

    /**
     * The built-in's NDCG@10 on the validation split for each weight of {@link #BLENDS}: the
     * latest likes of the training part held out, a model trained on the rest, never the test split.
     */
    private Map<Double, Double> blendValidation(List<Movie> movies, List<Rating> training, double dislikeWeight) {
        Holdout validation = Holdout.of(training, HELD_OUT_SHARE);
        storeProfiles(validation.training());
        evaluationModel.train();
        List<UUID> ranking = filmIds(NonPersonal.ranking(movies, validation.training(),
                new RankingWeights(settings.ranking().priorLikes(), dislikeWeight)));
        Map<Double, Double> byWeight = new LinkedHashMap<>();
        for (double weight : BLENDS) {
            TopTen scores = new TopTen("built-in, weight " + weight);
            BuiltInRecommender.Blend blend = new BuiltInRecommender.Blend(weight);
            Flux.fromIterable(validation.heldOut().entrySet()).flatMap(viewer -> profiles.profile(MovieLens.userId(viewer.getKey()))
                    .flatMap(profile -> builtIn.recommend(profile, null, TopTen.K, blend)
                            .doOnNext(recommended -> scores.add(viewer.getKey(), top(films(recommended), ranking, profile),
                                    viewer.getValue().stream().map(MovieLens::filmId).collect(Collectors.toSet()), false))), AT_ONCE)
                    .blockLast();
            byWeight.put(weight, scores.ndcg());
            log.info("built-in with weight {} for films the model cannot know: validation NDCG@10 {}", weight, scores.ndcg());
        }
        return byWeight;
    }

    private static Report.Row row(TopTen scores, TopTen ranking, TopTen popularity, int films) {
        return new Report.Row(scores.name(), scores.viewers(), scores.ndcg(), scores.recall(), scores.hitRate(), scores.coverage(films),
                scores.filled(), RatioInterval.of(scores.ndcgByViewer(), ranking.ndcgByViewer()),
                RatioInterval.of(scores.ndcgByViewer(), popularity.ndcgByViewer()));
    }

    private static List<UUID> filmIds(List<Long> movieIds) {
        return movieIds.stream().map(MovieLens::filmId).toList();
    }

    private static List<UUID> films(List<Recommendation> recommended) {
        return recommended.stream().map(Recommendation::filmId).toList();
    }

    /** The recommended films, then the ranking's, none the viewer already gave a verdict on, ten in all. */
    private static List<UUID> top(List<UUID> recommended, List<UUID> ranking, Profile profile) {
        Set<UUID> top = new LinkedHashSet<>(recommended);
        Set<UUID> known = profile.known();
        for (UUID film : ranking) {
            if (top.size() >= TopTen.K) {
                break;
            }
            if (!known.contains(film)) {
                top.add(film);
            }
        }
        return top.stream().limit(TopTen.K).toList();
    }

    /** The training stands, as recsys-service would have learnt them from ugc-service's events. */
    private void storeProfiles(List<Rating> training) {
        db.sql("TRUNCATE user_film, user_refresh, recommendation, film_votes, processed_event, model CASCADE").then().block();
        for (int from = 0; from < training.size(); from += INSERT_BATCH) {
            List<Rating> batch = training.subList(from, Math.min(training.size(), from + INSERT_BATCH));
            db.sql("""
                            INSERT INTO user_film (user_id, film_id, reaction, excluded, changed_at)
                            SELECT stand.user_id, stand.film_id, stand.reaction, false, stand.changed_at
                            FROM unnest(:users, :films, :reactions, :times) AS stand (user_id, film_id, reaction, changed_at)""")
                    .bind("users", batch.stream().map(rating -> MovieLens.userId(rating.userId())).toArray(UUID[]::new))
                    .bind("films", batch.stream().map(rating -> MovieLens.filmId(rating.movieId())).toArray(UUID[]::new))
                    .bind("reactions", batch.stream().map(rating -> (short) (rating.rating() >= Holdout.LIKE ? 1 : -1)).toArray(Short[]::new))
                    .bind("times", batch.stream().map(rating -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(rating.timestamp()), ZoneOffset.UTC))
                            .toArray(OffsetDateTime[]::new))
                    .then().block();
        }
        db.sql("ANALYZE user_film").then().block();
    }

    private static String hash(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
