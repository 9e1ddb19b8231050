package dev.cinema.recsys.training;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;

/**
 * The split each run measures its model on, the offline evaluation's protocol at the platform's
 * scale: for a sample of the viewers with at least two likes, the latest {@code share} of their
 * likes (at least one) is held out, and the model learns only what they did strictly before the
 * first of them; every other viewer is learnt from whole.
 *
 * @param training the verdicts the model learns from (viewer, film, verdict, changed_at)
 * @param heldOut  the validated viewers' held-out likes (viewer, film)
 */
record ValidationSplit(Dataset<Row> training, Dataset<Row> heldOut) {

    /** Of {@code HASH_BUCKETS}, how many buckets of viewers are validated. */
    private static final int HASH_BUCKETS = 10_000;

    static ValidationSplit of(Dataset<Row> verdicts, double share, int viewers) {
        Dataset<Row> likes = verdicts.where(col("verdict").equalTo(1));
        WindowSpec latestFirst = Window.partitionBy("viewer").orderBy(col("changed_at").desc(), col("film").desc());
        Dataset<Row> ranked = likes
                .withColumn("position", row_number().over(latestFirst))
                .withColumn("likes", count(lit(1)).over(Window.partitionBy("viewer")));
        Dataset<Row> eligible = ranked.where(col("likes").geq(2));
        long candidates = eligible.select("viewer").distinct().count();
        // a sample of at most `viewers`, the same viewers from run to run (by a hash of their id)
        long buckets = candidates <= viewers ? HASH_BUCKETS : Math.max(1, (long) Math.floor((double) HASH_BUCKETS * viewers / candidates));
        Column sampled = pmod(hash(col("viewer")), lit(HASH_BUCKETS)).lt(buckets);
        Dataset<Row> heldOut = eligible.where(sampled)
                .where(col("position").leq(greatest(lit(1), round(col("likes").multiply(share)))))
                .select("viewer", "film", "changed_at")
                .cache();
        Dataset<Row> cutoffs = heldOut.groupBy("viewer").agg(min("changed_at").as("cutoff"));
        Dataset<Row> training = verdicts.join(cutoffs, "viewer", "left")
                .where(col("cutoff").isNull().or(col("changed_at").lt(col("cutoff"))))
                .select("viewer", "film", "verdict", "changed_at");
        return new ValidationSplit(training, heldOut.select("viewer", "film"));
    }
}
