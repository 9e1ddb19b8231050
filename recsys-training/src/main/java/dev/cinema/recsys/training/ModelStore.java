package dev.cinema.recsys.training;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Where models go, in recsys-service's database ({@code model}, {@code model_film_factor}, made by
 * its migrations). A run holds an advisory lock for its whole length (one run at a time per schema,
 * whichever instance started it), writes its factors under a version of its own from the executors, and then,
 * in one transaction, checks that every factor arrived and makes it the serving model, unless its
 * validation NDCG@10 lies below the serving model's interval. Older models are removed; a run that
 * dies leaves a model in state {@code writing} that the next run removes.
 */
final class ModelStore implements AutoCloseable {

    /**
     * The advisory lock's first key ("recs" in ASCII); the second is the schema's hash, so that a run
     * on the offline evaluation's schema never waits for the platform's.
     */
    static final int LOCK = 0x72656373;

    /** What a run tells the one that started it. */
    record Outcome(long version, boolean serving, String reason) {
    }

    private final TrainingSettings settings;
    private final Connection lockHolder;

    private ModelStore(TrainingSettings settings, Connection lockHolder) {
        this.settings = settings;
        this.lockHolder = lockHolder;
    }

    /** The store, with the run's lock held; empty when another run holds it. */
    static Optional<ModelStore> lock(TrainingSettings settings) throws SQLException {
        Connection connection = connect(settings);
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(current_schema()))")) {
            lock.setInt(1, LOCK);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                if (!result.getBoolean(1)) {
                    connection.close();
                    return Optional.empty();
                }
            }
        } catch (SQLException | RuntimeException failure) {
            connection.close();
            throw failure;
        }
        return Optional.of(new ModelStore(settings, connection));
    }

    /** Removes what runs that died left half-written. */
    void removeUnfinished() throws SQLException {
        try (PreparedStatement delete = lockHolder.prepareStatement("DELETE FROM model WHERE state = 'writing'")) {
            delete.executeUpdate();
        }
    }

    /**
     * A new model's row, in state {@code writing}; returns its version. Its {@code trained_at} is when
     * the run began reading the verdicts, so that likes arriving during the run count towards the next.
     */
    long begin(Summary summary, Instant read) throws SQLException {
        try (PreparedStatement insert = lockHolder.prepareStatement("""
                INSERT INTO model (rank, regularization, alpha, iterations, viewers, films, verdicts,
                                   validation_ndcg, validation_low, validation_high, validation_viewers, trained_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING version""")) {
            insert.setInt(1, summary.constants().rank());
            insert.setDouble(2, summary.constants().regularization());
            insert.setDouble(3, summary.constants().alpha());
            insert.setInt(4, summary.constants().iterations());
            insert.setLong(5, summary.viewers());
            insert.setLong(6, summary.films());
            insert.setLong(7, summary.verdicts());
            insert.setDouble(8, summary.validation().ndcg());
            insert.setDouble(9, summary.validation().low());
            insert.setDouble(10, summary.validation().high());
            insert.setLong(11, summary.validation().viewers());
            insert.setTimestamp(12, Timestamp.from(read));
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The factors written by the executors, each partition its own connection and batch. */
    void writeFactors(long version, Dataset<Row> factors) {
        Properties connection = Reactions.connection(settings);
        // the film ids are strings in Spark: let PostgreSQL read them as the uuid the column is
        connection.setProperty("stringtype", "unspecified");
        connection.setProperty("batchsize", "2000");
        factors.select(lit(version).as("version"), col("film").as("film_id"), col("factors"))
                .write().mode(SaveMode.Append).jdbc(settings.jdbcUrl(), "model_film_factor", connection);
    }

    /**
     * Makes the model serving, in one transaction, when all its {@code films} factors are there and
     * it is not worse than the serving one beyond that one's interval.
     */
    Outcome finish(long version, Summary summary, double seconds) throws SQLException {
        lockHolder.setAutoCommit(false);
        try {
            long written;
            try (PreparedStatement count = lockHolder.prepareStatement("SELECT count(*) FROM model_film_factor WHERE version = ?")) {
                count.setLong(1, version);
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    written = result.getLong(1);
                }
            }
            if (written != summary.films()) {
                throw new IllegalStateException("%d films trained but %d factors written".formatted(summary.films(), written));
            }
            Outcome outcome;
            try (PreparedStatement serving = lockHolder.prepareStatement(
                    "SELECT version, validation_ndcg, validation_low FROM model WHERE state = 'serving' FOR UPDATE")) {
                try (ResultSet result = serving.executeQuery()) {
                    if (result.next() && summary.validation().ndcg() < result.getDouble("validation_low")) {
                        outcome = new Outcome(version, false, "validation NDCG@10 %.4f is below the serving model %d's interval (from %.4f)"
                                .formatted(summary.validation().ndcg(), result.getLong("version"), result.getDouble("validation_low")));
                    } else {
                        outcome = new Outcome(version, true, "validation NDCG@10 %.4f [%.4f, %.4f] over %d viewers".formatted(
                                summary.validation().ndcg(), summary.validation().low(), summary.validation().high(), summary.validation().viewers()));
                    }
                }
            }
            if (outcome.serving()) {
                execute("UPDATE model SET state = 'retired' WHERE state = 'serving'");
            }
            try (PreparedStatement done = lockHolder.prepareStatement("UPDATE model SET state = ?, seconds = ? WHERE version = ?")) {
                done.setString(1, outcome.serving() ? "serving" : "rejected");
                done.setDouble(2, seconds);
                done.setLong(3, version);
                done.executeUpdate();
            }
            // keep the serving model and the newest other one (to look at); the rest goes
            execute("DELETE FROM model WHERE state <> 'serving' AND version < (SELECT max(version) FROM model WHERE state <> 'serving')");
            lockHolder.commit();
            return outcome;
        } catch (SQLException | RuntimeException failure) {
            lockHolder.rollback();
            throw failure;
        } finally {
            lockHolder.setAutoCommit(true);
        }
    }

    private void execute(String sql) throws SQLException {
        try (PreparedStatement statement = lockHolder.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    private static Connection connect(TrainingSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    /** Closing the connection releases the lock. */
    @Override
    public void close() throws SQLException {
        lockHolder.close();
    }
}
