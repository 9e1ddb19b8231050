package dev.cinema.recsys.training;

import dev.cinema.recsys.model.FilmFactors;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Serving folds a viewer in from the films' factors alone; that is only right if its equations are
 * the ones Spark's ALS solves. ALS's last half-iteration computes each viewer's factors from the
 * final film factors, so folding a training viewer in must give back ALS's own viewer factors.
 */
class AlsFoldInTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("fold-in-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void foldingATrainingViewerInGivesBackTheFactorsAlsLearntForThem() {
        int rank = 6;
        double regularization = 0.1;
        double alpha = 15;
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        Map<Integer, List<Integer>> liked = new HashMap<>();
        Map<Integer, List<Integer>> disliked = new HashMap<>();
        for (int viewer = 0; viewer < 60; viewer++) {
            for (int film = 0; film < 40; film++) {
                // two tastes: even viewers like low-numbered films, odd ones high-numbered; some dislikes
                boolean fits = (viewer % 2 == 0) == (film < 20);
                double draw = random.nextDouble();
                if (fits && draw < 0.4) {
                    rows.add(RowFactory.create(viewer, film, 1f));
                    liked.computeIfAbsent(viewer, v -> new ArrayList<>()).add(film);
                } else if (!fits && draw < 0.1) {
                    rows.add(RowFactory.create(viewer, film, -1f));
                    disliked.computeIfAbsent(viewer, v -> new ArrayList<>()).add(film);
                }
            }
        }
        StructType schema = new StructType().add("viewer", DataTypes.IntegerType).add("film", DataTypes.IntegerType)
                .add("verdict", DataTypes.FloatType);
        Dataset<Row> ratings = spark.createDataFrame(rows, schema);
        ALSModel als = new ALS().setImplicitPrefs(true).setRank(rank).setRegParam(regularization).setAlpha(alpha).setMaxIter(10).setSeed(1)
                .setUserCol("viewer").setItemCol("film").setRatingCol("verdict").fit(ratings);

        List<UUID> films = new ArrayList<>();
        List<float[]> factors = new ArrayList<>();
        for (Row row : als.itemFactors().collectAsList()) {
            films.add(new UUID(0, row.getInt(0)));
            factors.add(floats(row.getList(1)));
        }
        FilmFactors model = FilmFactors.of(rank, regularization, alpha, films, factors);
        int checked = 0;
        for (Row row : als.userFactors().collectAsList()) {
            int viewer = row.getInt(0);
            float[] learnt = floats(row.getList(1));
            double[] folded = model.foldIn(ids(liked.getOrDefault(viewer, List.of())), ids(disliked.getOrDefault(viewer, List.of()))).vector();
            for (int k = 0; k < rank; k++) {
                assertThat(folded[k]).as("viewer %d, factor %d", viewer, k).isCloseTo(learnt[k], offset(2e-3 + 1e-3 * Math.abs(learnt[k])));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(60);
    }

    private static List<UUID> ids(List<Integer> films) {
        return films.stream().map(film -> new UUID(0, film)).toList();
    }

    private static float[] floats(List<Object> values) {
        float[] floats = new float[values.size()];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = ((Number) values.get(i)).floatValue();
        }
        return floats;
    }
}
