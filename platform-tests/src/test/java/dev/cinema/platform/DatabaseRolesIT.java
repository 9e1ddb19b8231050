package dev.cinema.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform as local_run.sh starts it: each service logged in to PostgreSQL as its own role, and
 * recsys-service's role, with the password local_run.sh made for it, kept out of auth's database.
 */
@ExtendWith(Platform.class)
class DatabaseRolesIT {

    // the embedded server's address as local_run.sh has it
    private static final String POSTGRES = System.getenv().getOrDefault("POSTGRES_URL",
            "postgresql://127.0.0.1:" + System.getenv().getOrDefault("POSTGRES_PORT", "15432"));

    @Test
    void recsysServicesRoleCannotConnectToAuthsDatabase() throws Exception {
        String password = Files.readString(Platform.LOCAL.resolve("secrets/postgres-recsys.password")).strip();
        try (Connection own = DriverManager.getConnection("jdbc:" + POSTGRES + "/recsys", "recsys", password)) {
            assertThat(own.isValid(5)).as("the recsys role on its own database").isTrue();
        }

        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:" + POSTGRES + "/auth", "recsys", password).close())
                .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).as(refused.getMessage())
                        .isEqualTo("42501"));
    }

    @Test
    void eachServiceIsLoggedInAsItsOwnRole() throws SQLException {
        Map<String, String> roles = Map.of("auth", "auth", "recsys", "recsys");
        try (Connection superuser = DriverManager.getConnection("jdbc:" + POSTGRES + "/postgres", "postgres", "postgres")) {
            for (var database : roles.entrySet()) {
                assertThat(sessionUsers(superuser, database.getKey())).as("who is connected to " + database.getKey())
                        .containsExactly(database.getValue());
            }
        }
    }

    /** The roles of the sessions on a database, but this test's own superuser sessions. */
    private static Set<String> sessionUsers(Connection superuser, String database) throws SQLException {
        Set<String> users = new TreeSet<>();
        try (var query = superuser.prepareStatement("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = ? AND usename <> current_user")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    users.add(result.getString(1));
                }
            }
        }
        return users;
    }
}
