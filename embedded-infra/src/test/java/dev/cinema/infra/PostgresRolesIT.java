package dev.cinema.infra;

import dev.cinema.infra.PostgresRoles.Login;
import dev.cinema.infra.PostgresRoles.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The roles local_run.sh makes ({@code deploy/postgres-roles.sql} through {@link PostgresRoles}): each
 * service reaches its own database and no other, and a platform from before the roles keeps its tables.
 */
@EmbeddedServers(ServerKind.POSTGRES)
class PostgresRolesIT {

    /** SQLSTATE insufficient_privilege: what PostgreSQL answers to a connection or a read a role may not make. */
    private static final String REFUSED = "42501";

    @TempDir
    static Path secrets;
    static Map<Role, Login> logins;

    @BeforeAll
    static void tablesOfAPlatformFromBeforeTheRolesThenTheRoles(PostgresServer postgres) throws SQLException {
        // what auth-service's migrations made when every service logged in as the superuser
        try (Connection superuser = DriverManager.getConnection(postgres.jdbcUrl("auth"), PostgresServer.USER, "");
             Statement statement = superuser.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS app_user (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, login text)");
            statement.execute("CREATE TABLE IF NOT EXISTS signing_key (kid text PRIMARY KEY, private_key bytea)");
            statement.execute("INSERT INTO app_user (login) VALUES ('viewer')");
        }
        try (Connection superuser = DriverManager.getConnection(postgres.jdbcUrl("content"), PostgresServer.USER, "");
             Statement statement = superuser.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS content");
            statement.execute("CREATE TABLE IF NOT EXISTS content.film_work (id serial PRIMARY KEY, title text)");
        }
        logins = PostgresRoles.create(postgres, secrets);
    }

    @Test
    void recsysAndCatalogCannotConnectToAuthsDatabase(PostgresServer postgres) {
        for (Role neighbour : new Role[] {Role.RECSYS, Role.CATALOG, Role.TRAINING}) {
            assertThatThrownBy(() -> connect(postgres, "auth", neighbour).close()).as(neighbour + " on auth")
                    .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo(REFUSED));
        }
    }

    @Test
    void noRoleButAuthsMayReadItsUsersOrKeys(PostgresServer postgres) throws SQLException {
        try (Connection superuser = DriverManager.getConnection(postgres.jdbcUrl("auth"), PostgresServer.USER, "")) {
            for (Role role : Role.values()) {
                for (String table : new String[] {"app_user", "signing_key"}) {
                    assertThat(privilege(superuser, role, table, "SELECT")).as(role + " SELECT on " + table).isEqualTo(role == Role.AUTH);
                }
            }
        }
    }

    @Test
    void eachServiceReachesOnlyItsOwnDatabase(PostgresServer postgres) throws SQLException {
        Map<Role, String> own = Map.of(Role.AUTH, "auth", Role.CATALOG, "content", Role.RECSYS, "recsys");
        for (var entry : own.entrySet()) {
            for (String database : PostgresServer.DATABASES) {
                if (database.equals(entry.getValue())) {
                    try (Connection connection = connect(postgres, database, entry.getKey())) {
                        assertThat(connection.isValid(5)).isTrue();
                    }
                } else {
                    assertThatThrownBy(() -> connect(postgres, database, entry.getKey()).close()).as(entry.getKey() + " on " + database)
                            .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo(REFUSED));
                }
            }
        }
    }

    @Test
    void aServiceMigratesItsOwnDatabaseAndKeepsTheTablesItHadAsTheSuperuser(PostgresServer postgres) throws SQLException {
        try (Connection auth = connect(postgres, "auth", Role.AUTH); Statement statement = auth.createStatement()) {
            statement.execute("ALTER TABLE app_user ADD COLUMN IF NOT EXISTS locked boolean");
            statement.execute("INSERT INTO app_user (login) VALUES ('another')");
            try (ResultSet users = statement.executeQuery("SELECT count(*) FROM app_user WHERE login = 'viewer'")) {
                users.next();
                assertThat(users.getInt(1)).isEqualTo(1);
            }
            statement.execute("CREATE TABLE IF NOT EXISTS created_by_auth (id int)");
        }
        try (Connection catalog = connect(postgres, "content", Role.CATALOG); Statement statement = catalog.createStatement()) {
            statement.execute("INSERT INTO content.film_work (title) VALUES ('Solaris')");
            statement.execute("CREATE SCHEMA IF NOT EXISTS content_next");
        }
    }

    @Test
    void aRoleLogsInWithItsOwnPasswordOnly(PostgresServer postgres) {
        Login recsys = logins.get(Role.RECSYS);
        for (String wrong : new String[] {"postgres", logins.get(Role.TRAINING).password()}) {
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("recsys"), recsys.user(), wrong).close())
                    // SQLSTATE invalid_password
                    .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo("28P01"));
        }
    }

    @Test
    void theTrainingRoleCreatesNothingInRecsys(PostgresServer postgres) throws SQLException {
        try (Connection training = connect(postgres, "recsys", Role.TRAINING); Statement statement = training.createStatement()) {
            assertThatThrownBy(() -> statement.execute("CREATE TABLE training_made (id int)"))
                    .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo(REFUSED));
        }
    }

    @Test
    void thePasswordsAreKeptForTheirOwnerOnlyAndStayTheSameAcrossRuns(PostgresServer postgres) throws Exception {
        assertThat(Files.getPosixFilePermissions(secrets)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (Role role : Role.values()) {
            Path file = secrets.resolve("postgres-" + role.roleName() + ".password");
            assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(file).strip()).isEqualTo(logins.get(role).password()).hasSizeGreaterThanOrEqualTo(32);
        }
        assertThat(PostgresRoles.create(postgres, secrets)).isEqualTo(logins);
    }

    private static boolean privilege(Connection connection, Role role, String table, String privilege) throws SQLException {
        try (var query = connection.prepareStatement("SELECT has_table_privilege(?, ?, ?)")) {
            query.setString(1, role.roleName());
            query.setString(2, table);
            query.setString(3, privilege);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static Connection connect(PostgresServer postgres, String database, Role role) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), logins.get(role).user(), logins.get(role).password());
    }
}
