package dev.cinema.recsys.training;

import dev.cinema.recsys.model.FilmFactors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One training run: {@code java -jar recsys-training.jar [--name=value ...]} (local mode, what
 * {@code ./local_run.sh train} and recsys-service's scheduler start), or the same jar through
 * {@code spark-submit --master spark://HOST:7077}. Reads the verdicts, holds out a validation
 * split, trains ALS on the rest, measures the model on the split, writes its film factors and
 * makes it the serving model (see {@link ModelStore}). The last line it prints is the outcome, as
 * JSON, for the process that started it.
 *
 * <p>Exit status: 0 trained (serving, or rejected as worse), 10 another run holds the lock, 11 too
 * few likes to train on (the last model stays), 2 bad arguments, 1 anything else failed (the last
 * model stays; the reason is on stderr). (Not 3: that is the JVM's own status for
 * {@code -XX:+ExitOnOutOfMemoryError}, with which recsys-service starts the job.)
 */
public final class TrainingJob {

    private static final Logger log = LoggerFactory.getLogger(TrainingJob.class);

    static final int TRAINED = 0;
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int ANOTHER_RUN = 10;
    static final int TOO_FEW_LIKES = 11;

    private TrainingJob() {
    }

    public static void main(String[] args) {
        TrainingSettings settings;
        try {
            settings = TrainingSettings.from(System.getenv(), args);
        } catch (IllegalArgumentException bad) {
            System.err.println("recsys-training: " + bad.getMessage());
            System.exit(BAD_ARGUMENTS);
            return;
        }
        int status;
        try {
            status = run(settings);
        } catch (Exception failure) {
            log.error("training failed; the serving model stays", failure);
            System.out.println("{\"outcome\":\"failed\",\"reason\":" + quoted(String.valueOf(failure)) + "}");
            status = FAILED;
        }
        System.exit(status);
    }

    static int run(TrainingSettings settings) throws Exception {
        long started = System.nanoTime();
        Optional<ModelStore> locked = ModelStore.lock(settings);
        if (locked.isEmpty()) {
            System.out.println("{\"outcome\":\"busy\",\"reason\":\"another training run holds the lock\"}");
            return ANOTHER_RUN;
        }
        try (ModelStore store = locked.get(); SparkSession spark = session(settings)) {
            store.removeUnfinished();
            Instant read = Instant.now();
            log.info("training: {}", settings);
            Dataset<Row> verdicts = Reactions.read(spark, settings).cache();
            long likes = verdicts.where("verdict = 1").count();
            if (likes < settings.minimumLikes()) {
                System.out.printf("{\"outcome\":\"too-few-likes\",\"likes\":%d,\"minimum\":%d}%n", likes, settings.minimumLikes());
                return TOO_FEW_LIKES;
            }
            ValidationSplit split = ValidationSplit.of(verdicts, settings.validationShare(), settings.validationViewers());
            AlsTrainer trainer = AlsTrainer.over(spark, split.training(), settings.partitions(), settings.seed());
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Trained best = null;
            StringBuilder tried = new StringBuilder();
            for (Hyperparameters constants : settings.candidates()) {
                Dataset<Row> factors = trainer.filmFactors(constants).cache();
                FilmFactors model = collect(factors, constants);
                Validation validation = Validation.of(context, model, split);
                log.info("{}: validation NDCG@10 {} [{}, {}]", constants, validation.ndcg(), validation.low(), validation.high());
                tried.append(tried.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "{\"constants\":%s,\"validationNdcg\":%.6f}",
                        quoted(constants.toString()), validation.ndcg()));
                if (best == null || validation.ndcg() > best.validation().ndcg()) {
                    if (best != null) {
                        best.factors().unpersist();
                    }
                    best = new Trained(constants, factors, model, validation);
                } else {
                    factors.unpersist();
                }
            }
            Validation validation = best.validation();
            // the validation split's model lacks the held-out likes: the one served learns from every verdict
            best.factors().unpersist();
            Dataset<Row> served = AlsTrainer.over(spark, verdicts, settings.partitions(), settings.seed()).filmFactors(best.constants()).cache();
            FilmFactors model = collect(served, best.constants());
            Summary summary = new Summary(verdicts.select("viewer").distinct().count(), model.films(), verdicts.count(), best.constants(),
                    validation);
            log.info("trained on {} verdicts of {} viewers: {} films, {}; validation NDCG@10 {} [{}, {}] over {} viewers", summary.verdicts(),
                    summary.viewers(), summary.films(), best.constants(), validation.ndcg(), validation.low(), validation.high(), validation.viewers());
            long version = store.begin(summary, read);
            store.writeFactors(version, served);
            double seconds = (System.nanoTime() - started) / 1e9;
            ModelStore.Outcome outcome = store.finish(version, summary, seconds);
            log.info("model {}: {} ({})", version, outcome.serving() ? "serving" : "rejected", outcome.reason());
            // the report is JSON: numbers with a decimal point whatever the machine's locale
            System.out.printf(Locale.ROOT, "{\"outcome\":\"%s\",\"version\":%d,\"films\":%d,\"viewers\":%d,\"verdicts\":%d,\"validationNdcg\":%.6f,"
                            + "\"validationLow\":%.6f,\"validationHigh\":%.6f,\"validationViewers\":%d,\"seconds\":%.1f,\"constants\":%s,\"tried\":[%s],"
                            + "\"reason\":%s}%n",
                    outcome.serving() ? "serving" : "rejected", version, summary.films(), summary.viewers(), summary.verdicts(), validation.ndcg(),
                    validation.low(), validation.high(), validation.viewers(), seconds, quoted(best.constants().toString()), tried,
                    quoted(outcome.reason()));
            return TRAINED;
        }
    }

    /** The factors on the driver: the model is films × rank floats, what serving holds in memory too. */
    private static FilmFactors collect(Dataset<Row> factors, Hyperparameters constants) {
        List<UUID> films = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (Row row : factors.collectAsList()) {
            films.add(UUID.fromString(row.getString(0)));
            List<Float> values = row.getList(1);
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = values.get(i);
            }
            rows.add(vector);
        }
        return FilmFactors.of(constants.rank(), constants.regularization(), constants.alpha(), films, rows);
    }

    /** One setting's model, kept while it is the best on the validation split. */
    private record Trained(Hyperparameters constants, Dataset<Row> factors, FilmFactors model, Validation validation) {
    }

    private static SparkSession session(TrainingSettings settings) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName("recsys-training")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(settings.partitions()));
        // spark-submit names the master itself (the spark.master property); only a plain `java -jar` run needs it
        String master = System.getProperty("spark.master", settings.master());
        builder.master(master);
        if (master.startsWith("local")) {
            // everything is in this process: nothing needs to reach it from another machine
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        } else if (System.getProperty("spark.jars") == null) {
            // a cluster's executors hold Spark only: they fetch the rest from this driver
            builder.config("spark.jars", ShippedJars.commaSeparated());
        }
        return builder.getOrCreate();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
