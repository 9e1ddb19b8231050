package dev.cinema.recsys.training;

import dev.cinema.recsys.model.FilmFactors;
import dev.cinema.recsys.model.Ndcg;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.when;

/**
 * The trained model's NDCG@10 on the held-out likes, each validated viewer scored as serving will
 * score them: their vector folded in from their training verdicts, their top 10 of the films they
 * gave no verdict on. Done by the executors, with the model broadcast to them.
 *
 * @param ndcg    the mean over the validated viewers
 * @param low     the mean minus 1.96 standard errors (a 95% interval under the normal approximation)
 * @param high    the mean plus 1.96 standard errors
 * @param viewers how many viewers were validated
 */
record Validation(double ndcg, double low, double high, long viewers) {

    static final int K = 10;

    static Validation of(JavaSparkContext context, FilmFactors model, ValidationSplit split) {
        Broadcast<FilmFactors> shared = context.broadcast(model);
        Dataset<Row> held = split.heldOut().groupBy("viewer").agg(collect_set("film").as("held"));
        Dataset<Row> known = split.training().join(held.select("viewer"), "viewer")
                .groupBy("viewer")
                .agg(collect_list(when(col("verdict").equalTo(1), col("film"))).as("liked"),
                        collect_list(when(col("verdict").equalTo(-1), col("film"))).as("disliked"));
        List<Double> scores = held.join(known, "viewer", "left").map((MapFunction<Row, Double>) row -> {
            Set<UUID> relevant = new HashSet<>(ids(row.getList(row.fieldIndex("held"))));
            List<UUID> liked = row.isNullAt(row.fieldIndex("liked")) ? List.of() : ids(row.getList(row.fieldIndex("liked")));
            List<UUID> disliked = row.isNullAt(row.fieldIndex("disliked")) ? List.of() : ids(row.getList(row.fieldIndex("disliked")));
            Set<UUID> seen = new HashSet<>(liked);
            seen.addAll(disliked);
            List<UUID> top = shared.value().foldIn(liked, disliked).top(K, seen).stream().map(FilmFactors.Scored::film).toList();
            return Ndcg.at(K, top, relevant);
        }, Encoders.DOUBLE()).collectAsList();
        return summary(scores);
    }

    static Validation summary(List<Double> scores) {
        int n = scores.size();
        if (n == 0) {
            return new Validation(0, 0, 0, 0);
        }
        double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = n < 2 ? 0 : scores.stream().mapToDouble(score -> (score - mean) * (score - mean)).sum() / (n - 1);
        double margin = 1.96 * Math.sqrt(variance / n);
        return new Validation(mean, mean - margin, mean + margin, n);
    }

    private static List<UUID> ids(List<Object> values) {
        List<UUID> ids = new ArrayList<>(values.size());
        for (Object value : values) {
            if (value != null) {
                ids.add(UUID.fromString(value.toString()));
            }
        }
        return ids;
    }
}
