package dev.cinema.infra;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedServers(ServerKind.POSTGRES)
class PostgresServerIT {

    @Test
    void eachServiceDatabaseAnswersSql(PostgresServer postgres) throws SQLException {
        for (String database : PostgresServer.DATABASES) {
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, "");
                 ResultSet result = connection.createStatement().executeQuery("SELECT current_database(), 6 * 7")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo(database);
                assertThat(result.getInt(2)).isEqualTo(42);
            }
        }
    }

    @Test
    void rowsSurviveARestart(PostgresServer postgres) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("recsys"), PostgresServer.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS restart_probe (id int PRIMARY KEY)");
            statement.execute("INSERT INTO restart_probe VALUES (1) ON CONFLICT DO NOTHING");
        }

        postgres.stop();
        postgres.start();

        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("recsys"), PostgresServer.USER, "");
             ResultSet result = connection.createStatement().executeQuery("SELECT count(*) FROM restart_probe")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
    }
}
