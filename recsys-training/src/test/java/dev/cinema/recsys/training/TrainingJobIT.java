package dev.cinema.recsys.training;

import dev.cinema.infra.EmbeddedServer;
import dev.cinema.infra.ServerKind;
import dev.cinema.infra.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Training runs against a real PostgreSQL holding recsys-service's own schema (its migrations). */
class TrainingJobIT {

    private static Map<String, String> environment;
    private static TrainingSettings settings;

    @BeforeAll
    static void schema() throws Exception {
        environment = TrainingDatabase.prepare();
        settings = TrainingSettings.from(environment, new String[]{"--master=local[2]", "--partitions=4", "--rank=16", "--iterations=10",
                "--minimum-likes=50"});
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection db = TrainingDatabase.connect(); Statement statement = db.createStatement()) {
            statement.execute("TRUNCATE user_film, model CASCADE");
        }
    }

    @Test
    void aRunServesAModelThatBeatsLikeCountPopularityOnItsValidationSplit() throws Exception {
        Synthetic data = Synthetic.insert(400, 300, 11);

        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);

        try (Connection db = TrainingDatabase.connect(); Statement statement = db.createStatement();
             ResultSet model = statement.executeQuery("SELECT * FROM model")) {
            assertThat(model.next()).isTrue();
            assertThat(model.getString("state")).isEqualTo("serving");
            long version = model.getLong("version");
            double validation = model.getDouble("validation_ndcg");
            int films = model.getInt("films");
            assertThat(model.getInt("validation_viewers")).isEqualTo(data.viewersWithTwoLikes());
            assertThat(model.getLong("verdicts")).isEqualTo(data.verdicts());
            assertThat(model.next()).as("one model").isFalse();
            assertThat(TrainingDatabase.count(db, "SELECT count(*) FROM model_film_factor WHERE version = " + version)).isEqualTo(films);
            assertThat(TrainingDatabase.count(db, "SELECT count(*) FROM model_film_factor WHERE array_length(factors, 1) <> 16")).isZero();
            double popularity = data.popularityNdcg(settings.validationShare());
            assertThat(validation).as("model %.4f, popularity %.4f", validation, popularity).isGreaterThan(1.5 * popularity);
        }
    }

    @Tag("long") // in ./mvnw verify -Plong: a Spark run of its own
    @Test
    void ofSeveralSettingsTheOneBestOnTheValidationSplitIsKept() throws Exception {
        Synthetic.insert(200, 100, 17);
        TrainingSettings grid = TrainingSettings.from(environment,
                new String[]{"--master=local[2]", "--partitions=4", "--rank=1,16", "--iterations=10", "--minimum-likes=50"});
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true));
        try {
            assertThat(TrainingJob.run(grid)).isEqualTo(TrainingJob.TRAINED);
        } finally {
            System.setOut(console);
        }
        // what each setting scored, from the run's own report: rank 1 cannot tell the three genres apart
        Matcher tried = Pattern.compile("\\{\"constants\":\"rank (\\d+)[^\"]*\",\"validationNdcg\":([0-9.]+)\\}")
                .matcher(printed.toString());
        Map<Integer, Double> byRank = new HashMap<>();
        while (tried.find()) {
            byRank.put(Integer.parseInt(tried.group(1)), Double.parseDouble(tried.group(2)));
        }
        assertThat(byRank).containsOnlyKeys(1, 16);
        assertThat(byRank.get(16)).isGreaterThan(byRank.get(1));
        try (Connection db = TrainingDatabase.connect()) {
            assertThat(TrainingDatabase.count(db, "SELECT rank FROM model WHERE state = 'serving'")).isEqualTo(16);
            assertThat(TrainingDatabase.count(db, "SELECT count(*) FROM model_film_factor WHERE array_length(factors, 1) <> 16")).isZero();
        }
    }

    @Tag("long") // in ./mvnw verify -Plong: three Spark runs
    @Test
    void aNewRunTakesOverInOneSwapAndTheModelBeforeItIsKeptRetired() throws Exception {
        Synthetic.insert(200, 100, 12);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);

        try (Connection db = TrainingDatabase.connect()) {
            assertThat(TrainingDatabase.states(db)).containsExactly("retired", "serving");
        }
    }

    @Tag("long") // in ./mvnw verify -Plong: a Spark run of its own
    @Test
    void aModelWorseThanTheServingOneBeyondItsIntervalIsNotSwappedIn() throws Exception {
        Synthetic.insert(200, 100, 13);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);
        try (Connection db = TrainingDatabase.connect(); Statement statement = db.createStatement()) {
            statement.executeUpdate("UPDATE model SET validation_ndcg = 0.999, validation_low = 0.99 WHERE state = 'serving'");
        }

        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);

        try (Connection db = TrainingDatabase.connect()) {
            assertThat(TrainingDatabase.states(db)).containsExactly("serving", "rejected");
        }
    }

    @Tag("long") // in ./mvnw verify -Plong: a Spark run of its own
    @Test
    void aSecondRunWhileOneRunsTrainsNothing() throws Exception {
        Synthetic.insert(200, 100, 14);
        try (Connection holder = TrainingDatabase.connect(); PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?, hashtext(current_schema()))")) {
            lock.setInt(1, ModelStore.LOCK);
            lock.execute();

            assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.ANOTHER_RUN);
        }
        try (Connection db = TrainingDatabase.connect()) {
            assertThat(TrainingDatabase.count(db, "SELECT count(*) FROM model")).isZero();
        }
    }

    @Test
    void tooFewLikesTrainNothingAndTheServingModelStays() throws Exception {
        Synthetic.insert(200, 100, 15);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);
        try (Connection db = TrainingDatabase.connect(); Statement statement = db.createStatement()) {
            // one viewer's verdicts are left: at most 30, under the 50 likes a run needs
            statement.executeUpdate("DELETE FROM user_film WHERE user_id <> (SELECT user_id FROM user_film ORDER BY user_id LIMIT 1)");
        }

        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TOO_FEW_LIKES);

        try (Connection db = TrainingDatabase.connect()) {
            assertThat(TrainingDatabase.states(db)).containsExactly("serving");
        }
    }

    @Tag("long") // in ./mvnw verify -Plong: a Spark run of its own
    @Test
    void aRunWhilePostgresqlIsDownFailsAndTheServingModelStaysForTheNextRun() throws Exception {
        Synthetic.insert(200, 100, 18);
        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);
        EmbeddedServer postgres = TestServers.get(ServerKind.POSTGRES);
        postgres.stop();
        try {
            // main() prints it as {"outcome":"failed",...} and exits 1
            assertThatThrownBy(() -> TrainingJob.run(settings)).isInstanceOf(SQLException.class);
        } finally {
            postgres.start();
        }

        try (Connection db = TrainingDatabase.connect()) {
            assertThat(TrainingDatabase.states(db)).containsExactly("serving");
        }
        assertThat(TrainingJob.run(settings)).as("nothing left locked").isEqualTo(TrainingJob.TRAINED);
    }

    @Tag("long") // in ./mvnw verify -Plong: a Spark run of its own
    @Test
    void whatARunThatDiedLeftHalfWrittenIsRemovedByTheNext() throws Exception {
        Synthetic.insert(200, 100, 16);
        try (Connection db = TrainingDatabase.connect(); Statement statement = db.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO model (rank, regularization, alpha, iterations, viewers, films, verdicts, validation_ndcg,
                                       validation_low, validation_high, validation_viewers)
                    VALUES (16, 0.1, 10, 10, 1, 1, 1, 0, 0, 0, 1)""");
        }

        assertThat(TrainingJob.run(settings)).isEqualTo(TrainingJob.TRAINED);

        try (Connection db = TrainingDatabase.connect()) {
            assertThat(TrainingDatabase.states(db)).containsExactly("serving");
        }
    }
}
