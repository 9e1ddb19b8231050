import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The refresh benchmark's hands on recsys-service's database.
 * <ul>
 *   <li>Between "no model" and "the model": {@code aside} marks the serving model retired and prints
 *   its version (nothing when none serves), {@code back VERSION} makes that version serve again,
 *   {@code version} prints the serving one. recsys-service reads the serving model at start, so the
 *   benchmark restarts it after each switch.</li>
 *   <li>The start line: a run's likes arrive while recsys-service waits an hour before refreshing
 *   anyone (RECSYS_REFRESH_DELAY=1h); {@code waiting} prints how many viewers were never refreshed
 *   and are not being refreshed (all of the run's once its likes are applied), and {@code due}
 *   makes them all due at once and prints how many, so that the benchmark times the refresh alone,
 *   not the arrival of the likes.</li>
 * </ul>
 *
 *   java -cp 'recsys-training/target/lib/*' recsys-service/bench/BenchDatabase.java JDBC_URL aside|back VERSION|version|waiting|due
 */
public class BenchDatabase {

    public static void main(String[] arguments) throws SQLException {
        String user = System.getenv().getOrDefault("POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("POSTGRES_PASSWORD", "postgres");
        try (Connection db = DriverManager.getConnection(arguments[0], user, password); Statement statement = db.createStatement()) {
            switch (arguments[1]) {
                case "aside" -> print(statement.executeQuery("UPDATE model SET state = 'retired' WHERE state = 'serving' RETURNING version"));
                case "back" -> statement.executeUpdate("UPDATE model SET state = 'serving' WHERE version = " + Long.parseLong(arguments[2]));
                case "version" -> print(statement.executeQuery("SELECT version FROM model WHERE state = 'serving'"));
                case "waiting" -> print(statement.executeQuery(
                        "SELECT count(*) FROM user_refresh WHERE refreshed_at IS NULL AND claimed_by IS NULL AND due_at > now()"));
                case "due" -> System.out.println(statement.executeUpdate(
                        "UPDATE user_refresh SET due_at = now() WHERE refreshed_at IS NULL AND claimed_by IS NULL"));
                default -> throw new IllegalArgumentException("aside, back VERSION, version, waiting or due, not " + arguments[1]);
            }
        }
    }

    private static void print(ResultSet rows) throws SQLException {
        while (rows.next()) {
            System.out.println(rows.getLong(1));
        }
    }
}
