package dev.cinema.recsys.training;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Properties;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The viewers' verdicts from recsys-service's {@code user_film}: a like is 1; a dislike and a "not
 * interested" are -1 (the viewer told us they do not want it). Read by the executors in
 * {@code partitions} ranges of the viewer id, each an index range scan of the primary key, so that
 * no row passes through the driver.
 */
final class Reactions {

    private Reactions() {
    }

    /** Columns: viewer (string), film (string), verdict (1 or -1), changed_at (timestamp). */
    static Dataset<Row> read(SparkSession spark, TrainingSettings settings) {
        Properties connection = connection(settings);
        connection.setProperty("fetchsize", "10000");
        return spark.read().jdbc(settings.jdbcUrl(), "user_film", viewerRanges(settings.partitions()), connection)
                .where(col("reaction").isNotNull().or(col("excluded")))
                .select(col("user_id").as("viewer"), col("film_id").as("film"),
                        when(col("reaction").equalTo(lit(1)).and(col("excluded").equalTo(lit(false))), lit(1)).otherwise(lit(-1)).as("verdict"),
                        col("changed_at"));
    }

    static Properties connection(TrainingSettings settings) {
        Properties connection = new Properties();
        connection.setProperty("user", settings.user());
        connection.setProperty("password", settings.password());
        connection.setProperty("driver", "org.postgresql.Driver");
        return connection;
    }

    /** {@code count} contiguous ranges of the uuid space, by its first 32 bits. */
    static String[] viewerRanges(int count) {
        String[] ranges = new String[count];
        for (int i = 0; i < count; i++) {
            String from = i == 0 ? null : bound(i, count);
            String to = i == count - 1 ? null : bound(i + 1, count);
            ranges[i] = from == null && to == null ? "true"
                    : from == null ? "user_id < '" + to + "'"
                    : to == null ? "user_id >= '" + from + "'"
                    : "user_id >= '" + from + "' AND user_id < '" + to + "'";
        }
        return ranges;
    }

    private static String bound(int i, int count) {
        long prefix = (i * (1L << 32)) / count;
        return "%08x-0000-0000-0000-000000000000".formatted(prefix);
    }
}
