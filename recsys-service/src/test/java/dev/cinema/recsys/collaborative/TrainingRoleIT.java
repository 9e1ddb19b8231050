package dev.cinema.recsys.collaborative;

import dev.cinema.infra.EmbeddedServers;
import dev.cinema.infra.PostgresRoles;
import dev.cinema.infra.PostgresRoles.Login;
import dev.cinema.infra.PostgresRoles.Role;
import dev.cinema.infra.PostgresServer;
import dev.cinema.infra.ServerKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * This service's migrations run as its own role (deploy/postgres-roles.sql), and give the training job's
 * role what the job needs and nothing more: it reads the likes and writes the model, and the likes,
 * the recommendations and the LLM's answers stay out of its reach. In a schema of its own, so that no
 * other class's tables are touched.
 */
@EmbeddedServers(ServerKind.POSTGRES)
class TrainingRoleIT {

    private static final String SCHEMA = "training_role";
    /** SQLSTATE insufficient_privilege. */
    private static final String REFUSED = "42501";

    @TempDir
    static Path secrets;
    static Map<Role, Login> logins;
    static String database;

    @BeforeAll
    static void theMigrationsRunAsThisServicesRole(PostgresServer postgres) {
        logins = PostgresRoles.create(postgres, secrets);
        database = postgres.jdbcUrl("recsys") + "?currentSchema=" + SCHEMA;
        Login recsys = logins.get(Role.RECSYS);
        Flyway.configure().dataSource(postgres.jdbcUrl("recsys"), recsys.user(), recsys.password())
                .schemas(SCHEMA).defaultSchema(SCHEMA)
                .placeholders(Map.of("training_user", logins.get(Role.TRAINING).user()))
                .load().migrate();
    }

    @Test
    void theTrainingRoleReadsTheLikesButCannotChangeThem() throws SQLException {
        try (Connection training = connect(Role.TRAINING); Statement statement = training.createStatement()) {
            try (ResultSet likes = statement.executeQuery("SELECT count(*) FROM user_film")) {
                assertThat(likes.next()).isTrue();
            }
            for (String change : List.of(
                    "INSERT INTO user_film (user_id, film_id, reaction, excluded, changed_at) VALUES (gen_random_uuid(), gen_random_uuid(), 1, false, now())",
                    "UPDATE user_film SET reaction = -1",
                    "DELETE FROM user_film",
                    "TRUNCATE user_film")) {
                assertThatThrownBy(() -> statement.execute(change)).as(change)
                        .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo(REFUSED));
            }
        }
    }

    @Test
    void aTrainingRoleNamedAfterTheTablesWereMadeIsGivenItsPrivilegesAtTheNextStart(PostgresServer postgres) throws SQLException {
        // first without a role of its own (the job then logs in as this service's), then with one
        Login recsys = logins.get(Role.RECSYS);
        for (String trainingUser : List.of(recsys.user(), logins.get(Role.TRAINING).user())) {
            Flyway.configure().dataSource(postgres.jdbcUrl("recsys"), recsys.user(), recsys.password())
                    .schemas(SCHEMA + "_later").defaultSchema(SCHEMA + "_later")
                    .placeholders(Map.of("training_user", trainingUser))
                    .load().migrate();
        }

        Login training = logins.get(Role.TRAINING);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("recsys") + "?currentSchema=" + SCHEMA + "_later",
                training.user(), training.password());
             ResultSet likes = connection.createStatement().executeQuery("SELECT count(*) FROM user_film")) {
            assertThat(likes.next()).isTrue();
        }
    }

    @Test
    void theTrainingRoleReadsNothingButTheLikesAndTheModel() throws SQLException {
        try (Connection training = connect(Role.TRAINING); Statement statement = training.createStatement()) {
            for (String table : List.of("recommendation", "processed_event", "user_refresh", "llm_answer", "llm_budget", "film_votes")) {
                assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM " + table).close()).as(table)
                        .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo(REFUSED));
            }
            assertThatThrownBy(() -> statement.execute("CREATE TABLE made_by_training (id int)"))
                    .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo(REFUSED));
        }
    }

    @Test
    @Tag("long") // in ./mvnw verify -Plong (CI runs it): a Spark run, minutes on a loaded machine
    void theTrainingJobTrainsAndServesAModelAsItsOwnRole() throws SQLException {
        // recsys-training is built before this module in the reactor; alone (-pl recsys-service) it may be missing
        String jar = System.getProperty("training.jar", "");
        assumeTrue(Files.isRegularFile(Path.of(jar)), "the training job's jar is not built");
        likesOfTwoTastes();
        ModelSettings settings = new ModelSettings(Duration.ofSeconds(30), Duration.ofDays(2), Duration.ZERO, 1000, jar, "local[*]", "512m",
                Duration.ofMinutes(5), database, new ModelSettings.TrainingLogin(logins.get(Role.TRAINING).user(), logins.get(Role.TRAINING).password()));

        TrainingRun.Outcome outcome = new TrainingRun(settings, new SimpleMeterRegistry()).start(List.of()).block(Duration.ofMinutes(6));

        assertThat(outcome).isNotNull();
        assertThat(outcome.result()).as(outcome.report()).isEqualTo("serving");
        try (Connection recsys = connect(Role.RECSYS); Statement statement = recsys.createStatement();
             ResultSet model = statement.executeQuery("SELECT count(*) FROM model_film_factor JOIN model USING (version) WHERE state = 'serving'")) {
            model.next();
            assertThat(model.getInt(1)).as("the serving model's factors").isPositive();
        }
    }

    /** 200 viewers of two tastes, each liking a dozen of their side's 30 films: enough for the job to train on. */
    private static void likesOfTwoTastes() throws SQLException {
        Random random = new Random(19);
        StringBuilder values = new StringBuilder();
        for (int viewer = 0; viewer < 200; viewer++) {
            UUID viewerId = new UUID(0x7a11L, viewer);
            int side = viewer % 2;
            for (int n = 0; n < 12; n++) {
                UUID film = new UUID(0xf11L, side * 30 + random.nextInt(30));
                values.append(values.isEmpty() ? "" : ", ").append("('%s', '%s', 1, false, now() - interval '%d minutes')"
                        .formatted(viewerId, film, 1_000 - n));
            }
        }
        try (Connection recsys = connect(Role.RECSYS); Statement statement = recsys.createStatement()) {
            statement.execute("INSERT INTO user_film (user_id, film_id, reaction, excluded, changed_at) VALUES " + values + " ON CONFLICT DO NOTHING");
        }
    }

    private static Connection connect(Role role) throws SQLException {
        return DriverManager.getConnection(database, logins.get(role).user(), logins.get(role).password());
    }
}
