import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The refresh benchmark's switch between "no model" and "the model": {@code aside} marks the
 * serving model retired and prints its version (nothing when none serves), {@code back VERSION}
 * makes that version serve again, {@code version} prints the serving one. recsys-service reads the
 * serving model at start, so the benchmark restarts it after each switch.
 *
 *   java -cp 'recsys-training/target/lib/*' recsys-service/bench/ServingModel.java JDBC_URL aside|back VERSION|version
 */
public class ServingModel {

    public static void main(String[] arguments) throws SQLException {
        String user = System.getenv().getOrDefault("POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("POSTGRES_PASSWORD", "postgres");
        try (Connection db = DriverManager.getConnection(arguments[0], user, password); Statement statement = db.createStatement()) {
            switch (arguments[1]) {
                case "aside" -> print(statement.executeQuery("UPDATE model SET state = 'retired' WHERE state = 'serving' RETURNING version"));
                case "back" -> statement.executeUpdate("UPDATE model SET state = 'serving' WHERE version = " + Long.parseLong(arguments[2]));
                case "version" -> print(statement.executeQuery("SELECT version FROM model WHERE state = 'serving'"));
                default -> throw new IllegalArgumentException("aside, back VERSION or version, not " + arguments[1]);
            }
        }
    }

    private static void print(ResultSet rows) throws SQLException {
        while (rows.next()) {
            System.out.println(rows.getLong(1));
        }
    }
}
