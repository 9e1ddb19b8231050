package dev.cinema.recsys.training;

import dev.cinema.infra.ServerKind;
import dev.cinema.infra.TestServers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A real PostgreSQL holding recsys-service's own schema (its migrations), as the job finds it in production. */
final class TrainingDatabase {

    private static final Path MIGRATIONS = Path.of("..", "recsys-service", "src", "main", "resources", "db", "migration");
    private static Map<String, String> environment;

    private TrainingDatabase() {
    }

    /** A fresh schema; what the job reads its connection from (POSTGRES_URL, _USER, _PASSWORD). */
    static synchronized Map<String, String> prepare() throws Exception {
        environment = TestServers.get(ServerKind.POSTGRES).connectionSettings();
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
            try (Stream<Path> files = Files.list(MIGRATIONS)) {
                for (Path migration : files.filter(file -> file.getFileName().toString().matches("V[0-9]+__.*\\.sql"))
                        .sorted(Comparator.comparingInt(TrainingDatabase::migrationNumber)).toList()) {
                    statement.execute(Files.readString(migration));
                }
            }
        }
        return environment;
    }

    private static int migrationNumber(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    static Connection connect() throws SQLException {
        TrainingSettings settings = TrainingSettings.from(environment, new String[0]);
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    static List<String> states(Connection db) throws SQLException {
        List<String> states = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SELECT state FROM model ORDER BY version")) {
            while (rows.next()) {
                states.add(rows.getString(1));
            }
        }
        return states;
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
