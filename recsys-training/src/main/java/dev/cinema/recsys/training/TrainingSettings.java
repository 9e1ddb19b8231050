package dev.cinema.recsys.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one training run needs, from the environment recsys-service also reads (POSTGRES_URL; the
 * job's own role TRAINING_POSTGRES_USER, TRAINING_POSTGRES_PASSWORD, else POSTGRES_USER, POSTGRES_PASSWORD,
 * which recsys-service sets to the training role for the runs it starts) and from {@code --name=value}
 * arguments, which win.
 *
 * <p>The model's constants were chosen on the offline evaluation's validation split (recsys-service's
 * README, "The collaborative model"); each run measures its own model on a validation split again
 * before it may replace the one being served.
 *
 * @param jdbcUrl           recsys-service's database
 * @param master            Spark's master: {@code local[*]}, or {@code spark://HOST:7077}
 * @param candidates        ALS's constants to try ({@code --rank=32,64} and so on: every combination);
 *                          the one with the best validation NDCG@10 is kept
 * @param partitions        how many parallel reads of the reactions, and Spark's shuffle partitions
 * @param validationShare   the latest share of each validated viewer's likes held out
 * @param validationViewers at most this many viewers validated (a sample, by a hash of the id)
 * @param minimumLikes      fewer likes in all: nothing is trained, the last model stays
 */
record TrainingSettings(String jdbcUrl, String user, String password, String master, List<Hyperparameters> candidates,
                        int partitions, double validationShare, int validationViewers, int minimumLikes, long seed) {

    /*
     * ALS's constants, chosen by this job's own validation split on ml-latest-small's training part
     * (the offline evaluation's, 2026-12-01; NDCG@10): rank 32, regularization 0.2, alpha 5: 0.1059,
     * the best of rank 16 / 32 / 64, regularization 0.05 / 0.2 / 0.5 / 1.0 and alpha 2 / 5 / 10 / 40
     * (e.g. rank 32 at 0.05 and alpha 10: 0.1009; at 0.5: 0.0987; rank 64 at 0.5: 0.0993; rank 16 at
     * 0.2: 0.0993). recsys-service's README has the table.
     */
    static final int RANK = 32;
    static final double REGULARIZATION = 0.2;
    static final double ALPHA = 5;
    static final int ITERATIONS = 15;

    TrainingSettings {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty() || partitions < 1) {
            throw new IllegalArgumentException("at least one setting of the constants, and partitions must be positive");
        }
        if (validationShare <= 0 || validationShare >= 1) {
            throw new IllegalArgumentException("validation-share must lie between 0 and 1, not " + validationShare);
        }
    }

    static TrainingSettings from(Map<String, String> environment, String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, not " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String postgres = environment.getOrDefault("POSTGRES_URL", "postgresql://127.0.0.1:15432");
        String jdbcUrl = given.getOrDefault("jdbc-url", "jdbc:" + postgres + "/recsys");
        int cores = Runtime.getRuntime().availableProcessors();
        TrainingSettings settings = new TrainingSettings(jdbcUrl,
                given.getOrDefault("user", environment.getOrDefault("TRAINING_POSTGRES_USER", environment.getOrDefault("POSTGRES_USER", "postgres"))),
                given.getOrDefault("password", environment.getOrDefault("TRAINING_POSTGRES_PASSWORD",
                        environment.getOrDefault("POSTGRES_PASSWORD", "postgres"))),
                given.getOrDefault("master", environment.getOrDefault("RECSYS_SPARK_MASTER", "local[*]")),
                Hyperparameters.grid(given.getOrDefault("rank", String.valueOf(RANK)),
                        given.getOrDefault("regularization", String.valueOf(REGULARIZATION)),
                        given.getOrDefault("alpha", String.valueOf(ALPHA)),
                        given.getOrDefault("iterations", String.valueOf(ITERATIONS))),
                Integer.parseInt(given.getOrDefault("partitions", String.valueOf(Math.max(4, 2 * cores)))),
                Double.parseDouble(given.getOrDefault("validation-share", "0.2")),
                Integer.parseInt(given.getOrDefault("validation-viewers", "5000")),
                Integer.parseInt(given.getOrDefault("minimum-likes", "100")),
                Long.parseLong(given.getOrDefault("seed", "42")));
        given.keySet().removeAll(Set.of("jdbc-url", "user", "password", "master", "rank", "regularization", "alpha", "iterations",
                "partitions", "validation-share", "validation-viewers", "minimum-likes", "seed"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments: " + given.keySet());
        }
        return settings;
    }

    /** The settings as they may be logged: without the password. */
    @Override
    public String toString() {
        return "master %s, %s as %s, %d partitions, trying %s".formatted(master, jdbcUrl, user, partitions, candidates);
    }
}
