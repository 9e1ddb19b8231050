package dev.cinema.recsys.training;

import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;

/**
 * Spark MLlib's ALS for implicit feedback (Hu, Koren and Volinsky) over the verdicts: a like a
 * preference of 1, a dislike one of 0, both with confidence {@code 1 + alpha}. ALS wants integer
 * ids, so viewers and films get dense indexes first (a distributed zipWithIndex, not a collect).
 * Only the films' factors are kept: serving computes a viewer's side from their likes at the time
 * (recsys-model's {@code FilmFactors.foldIn}, the same equations ALS solves).
 */
final class AlsTrainer {

    private final Dataset<Row> films;
    private final Dataset<Row> ratings;
    private final int blocks;
    private final long seed;

    private AlsTrainer(Dataset<Row> films, Dataset<Row> ratings, int blocks, long seed) {
        this.films = films;
        this.ratings = ratings;
        this.blocks = blocks;
        this.seed = seed;
    }

    /** A trainer over these verdicts: their ids indexed once, for as many settings as are tried. */
    static AlsTrainer over(SparkSession spark, Dataset<Row> verdicts, int blocks, long seed) {
        Dataset<Row> viewers = indexed(spark, verdicts.select("viewer").distinct(), "viewer");
        Dataset<Row> films = indexed(spark, verdicts.select("film").distinct(), "film");
        Dataset<Row> ratings = verdicts
                .join(viewers, "viewer")
                .join(films, "film")
                .select(col("viewer_index"), col("film_index"), col("verdict").cast(DataTypes.FloatType).as("verdict"))
                .cache();
        return new AlsTrainer(films, ratings, blocks, seed);
    }

    /** Columns of the answer: film (string), factors (array of float). */
    Dataset<Row> filmFactors(Hyperparameters constants) {
        ALSModel model = new ALS()
                .setImplicitPrefs(true)
                .setRank(constants.rank())
                .setRegParam(constants.regularization())
                .setAlpha(constants.alpha())
                .setMaxIter(constants.iterations())
                .setSeed(seed)
                .setUserCol("viewer_index")
                .setItemCol("film_index")
                .setRatingCol("verdict")
                .setNumUserBlocks(blocks)
                .setNumItemBlocks(blocks)
                .fit(ratings);
        return model.itemFactors()
                .join(films, model.itemFactors().col("id").equalTo(films.col("film_index")))
                .select(col("film"), col("features").as("factors"));
    }

    /**
     * The distinct values of {@code column} with a dense index beside them ({@code column_index}),
     * materialised at once: computed again, a shuffle's order could number them differently.
     */
    private static Dataset<Row> indexed(SparkSession spark, Dataset<Row> distinct, String column) {
        StructType schema = new StructType()
                .add(column, DataTypes.StringType, false)
                .add(column + "_index", DataTypes.IntegerType, false);
        return spark.createDataFrame(distinct.javaRDD().zipWithIndex().map(pair -> {
            if (pair._2() > Integer.MAX_VALUE) {
                throw new IllegalStateException("more than 2^31 distinct " + column + "s");
            }
            return RowFactory.create(pair._1().getString(0), pair._2().intValue());
        }), schema).localCheckpoint();
    }
}
